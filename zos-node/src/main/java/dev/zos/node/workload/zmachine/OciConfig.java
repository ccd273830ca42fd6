package dev.zos.node.workload.zmachine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime {@code config.json} for a zmachine container: its own PID, mount, IPC, UTS and network
 * namespaces (the network one is a named namespace the driver created, with loopback only), memory and CPU
 * limits in the {@code /zos/<id>} cgroup, the usual kernel filesystems, and the zmachine's volumes bound at
 * their mount points. A pure function of its inputs, so it is tested without root.
 */
final class OciConfig {

    /** CFS period; the quota is {@code cpu} periods, so {@code cpu} cores' worth of time. */
    static final long CPU_PERIOD_US = 100_000;
    static final long PIDS_LIMIT = 4096;
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Docker's default capability set: enough for ordinary services, no admin powers over the host. */
    private static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    private static final List<String> MASKED = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware");
    private static final List<String> READONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** A host directory bound into the container. */
    record Bind(Path source, String destination) {
    }

    private OciConfig() {
    }

    static ObjectNode build(ContainerSpec spec, String rootfs, Path netns, List<Bind> binds) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode c = f.objectNode();
        c.put("ociVersion", "1.0.2");
        ObjectNode process = c.putObject("process");
        process.put("terminal", false);
        ObjectNode user = process.putObject("user");
        user.put("uid", 0);
        user.put("gid", 0);
        ArrayNode args = process.putArray("args");
        spec.args().forEach(args::add);
        ArrayNode env = process.putArray("env");
        if (!spec.env().containsKey("PATH")) {
            env.add(DEFAULT_PATH);
        }
        env.add("HOSTNAME=" + spec.hostname());
        spec.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.add(e.getKey() + "=" + e.getValue()));
        process.put("cwd", spec.workdir());
        ObjectNode caps = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = caps.putArray(set);
            CAPABILITIES.forEach(a::add);
        }
        // no rlimits: the container inherits the agent's; raising them needs CAP_SYS_RESOURCE, which nested
        // test hosts do not grant
        process.put("noNewPrivileges", false);

        ObjectNode root = c.putObject("root");
        root.put("path", rootfs);
        root.put("readonly", false);
        c.put("hostname", spec.hostname());

        ArrayNode mounts = c.putArray("mounts");
        mount(mounts, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(mounts, "/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        mount(mounts, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        mount(mounts, "/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro"));
        for (Bind b : binds) {
            mount(mounts, b.destination(), "bind", b.source().toString(), List.of("rbind", "rw"));
        }

        ObjectNode linux = c.putObject("linux");
        ObjectNode resources = linux.putObject("resources");
        ObjectNode deny = resources.putArray("devices").addObject();
        deny.put("allow", false);
        deny.put("access", "rwm");
        resources.putObject("memory").put("limit", spec.memory());
        ObjectNode cpu = resources.putObject("cpu");
        cpu.put("quota", spec.cpu() * CPU_PERIOD_US);
        cpu.put("period", CPU_PERIOD_US);
        resources.putObject("pids").put("limit", PIDS_LIMIT);
        linux.put("cgroupsPath", cgroupsPath(spec.containerId()));
        ArrayNode ns = linux.putArray("namespaces");
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            ns.addObject().put("type", type);
        }
        ObjectNode net = ns.addObject();
        net.put("type", "network");
        net.put("path", netns.toString());
        ArrayNode masked = linux.putArray("maskedPaths");
        MASKED.forEach(masked::add);
        ArrayNode ro = linux.putArray("readonlyPaths");
        READONLY.forEach(ro::add);
        return c;
    }

    static String cgroupsPath(String containerId) {
        return "/zos/" + containerId;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        ArrayNode o = m.putArray("options");
        options.forEach(o::add);
    }
}
