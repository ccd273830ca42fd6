package dev.zos.node.workload.zmachine;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.node.provision.WorkloadContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a zmachine becomes in container mode, checked field by field: the container id, the flist to download,
 * the process (argv, env), the volume mounts and the limits. Errors name the field under {@code data}.
 *
 * @param containerId the workload id with anything runc would refuse replaced by {@code _}
 * @param hostname    the workload's name (UTS namespace)
 * @param args        the process; empty when the workload gives no entrypoint and the flist's own startup is taken
 *                    ({@link #withStartup})
 * @param workdir     the process's working directory inside the machine
 */
public record ContainerSpec(String containerId, String hostname, URI flist, List<String> args,
                            Map<String, String> env, List<MachineMount> mounts, int cpu, long memory, long rootSize,
                            String workdir) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNSAFE_ID = Pattern.compile("[^A-Za-z0-9_.-]");
    /** Kernel filesystems the runtime mounts itself; a volume there would hide or break them. */
    private static final List<Path> RESERVED = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    public ContainerSpec {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
    }

    public static ContainerSpec from(WorkloadContext context) {
        String name = context.workload().name();
        if (!(context.workload().data() instanceof ZMachine vm)) {
            throw ZosException.invalid("workload " + name + " is a " + context.workload().type() + ", not a zmachine");
        }
        String at = "zmachine " + name + ": data.";
        URI flist = flistUrl(vm.flist(), at);
        if (vm.entrypoint().indexOf('\0') >= 0) {
            throw ZosException.invalid(at + "entrypoint: contains a NUL character");
        }
        List<String> args;
        try {
            args = ShellWords.split(vm.entrypoint()); // empty: the flist's own /.startup.toml, read once mounted
        } catch (ZosException e) {
            throw ZosException.invalid(at + e.getMessage());
        }
        Map<String, String> env = new LinkedHashMap<>();
        vm.env().forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches()) {
                throw ZosException.invalid(at + "env: invalid variable name '" + k
                        + "' (letters, digits and _, not starting with a digit)");
            }
            if (v.indexOf('\0') >= 0) {
                throw ZosException.invalid(at + "env." + k + ": contains a NUL character");
            }
            env.put(k, v);
        });
        checkMounts(vm.mounts(), context.deployment(), at);
        int cpu = vm.computeCapacity().cpu();
        if (cpu < 1 || cpu > ZMachine.MAX_CPU) {
            throw ZosException.invalid(at + "compute_capacity.cpu: must be between 1 and " + ZMachine.MAX_CPU
                    + ", got " + cpu);
        }
        long memory = vm.computeCapacity().memory();
        if (memory < ZMachine.MIN_MEMORY) {
            throw ZosException.invalid(at + "compute_capacity.memory: must be at least "
                    + ByteSize.format(ZMachine.MIN_MEMORY) + ", got " + memory);
        }
        if (vm.size() < 0) {
            throw ZosException.invalid(at + "size: must not be negative, got " + vm.size());
        }
        if (!vm.gpu().isEmpty()) {
            throw ZosException.invalid(at + "gpu: GPU passthrough is not supported for containers on this node");
        }
        return new ContainerSpec(containerId(context.workloadId()), name, flist, args, env,
                vm.mounts(), cpu, memory, vm.rootSize(), "/");
    }

    /**
     * This spec with the flist's own process when the workload gave no entrypoint: its program and arguments, its
     * working directory, and its environment under the workload's (a variable the workload sets wins).
     */
    public ContainerSpec withStartup(StartupEntry startup) {
        if (!args.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(startup.env());
        merged.putAll(env);
        return new ContainerSpec(containerId, hostname, flist, startup.args(), merged, mounts, cpu, memory, rootSize,
                startup.workdir());
    }

    private static URI flistUrl(String text, String at) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw ZosException.invalid(at + "flist: not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw ZosException.invalid(at + "flist: must be an http(s) URL of an .fl file on a hub, got '" + text + "'");
        }
        if (uri.getHost() == null || uri.getPath() == null
                || !(uri.getPath().endsWith(".fl") || uri.getPath().endsWith(".flist"))) {
            throw ZosException.invalid(at + "flist: must name a host and end in .fl or .flist, got '" + text + "'");
        }
        return uri;
    }

    private static void checkMounts(List<MachineMount> mounts, Deployment deployment, String at) {
        Set<String> names = new HashSet<>();
        List<Path> points = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            MachineMount m = mounts.get(i);
            String field = at + "mounts[" + i + "]";
            if (m.name().isEmpty()) {
                throw ZosException.invalid(field + ".name: cannot be empty");
            }
            if (!names.add(m.name())) {
                throw ZosException.invalid(field + ".name: '" + m.name() + "' is mounted twice");
            }
            String type = deployment.workload(m.name()).map(Workload::type).orElse(null);
            if (!ZMount.TYPE.equals(type) && !Volume.TYPE.equals(type)) {
                throw ZosException.invalid(field + ".name: '" + m.name() + "' is " + (type == null
                        ? "not a workload of this deployment" : "a " + type + ", not a zmount or volume"));
            }
            String mp = m.mountpoint();
            if (!mp.startsWith("/") || mp.indexOf('\0') >= 0 || mp.indexOf(',') >= 0 || mp.indexOf(':') >= 0) {
                throw ZosException.invalid(field + ".mountpoint: must be an absolute path without NUL, ',' or ':', got '"
                        + mp + "'");
            }
            for (String part : mp.split("/")) {
                if (part.equals("..") || part.equals(".")) {
                    throw ZosException.invalid(field + ".mountpoint: must not contain '.' or '..' components, got '"
                            + mp + "'");
                }
            }
            Path p = Path.of(mp).normalize();
            if (p.getNameCount() == 0) {
                throw ZosException.invalid(field + ".mountpoint: cannot be the root directory");
            }
            for (Path r : RESERVED) {
                if (p.startsWith(r)) {
                    throw ZosException.invalid(field + ".mountpoint: " + r + " is reserved for the kernel, got '"
                            + mp + "'");
                }
            }
            for (Path other : points) {
                if (p.startsWith(other) || other.startsWith(p)) {
                    throw ZosException.invalid(field + ".mountpoint: '" + mp + "' overlaps mount point '" + other + "'");
                }
            }
            points.add(p);
        }
    }

    /** The workload id with anything runc would refuse in an id replaced by {@code _}. */
    static String containerId(String workloadId) {
        return UNSAFE_ID.matcher(workloadId).replaceAll("_");
    }

    /** The mount point of {@code m} as a normalised absolute path inside the container. */
    static String target(MachineMount m) {
        return Path.of(m.mountpoint()).normalize().toString();
    }
}
