package dev.zos.imagegen.build;

import dev.zos.imagegen.initramfs.FsTree;
import dev.zos.imagegen.kernel.Kernel;
import dev.zos.imagegen.kernel.ModuleIndex;
import dev.zos.imagegen.runtime.AgentBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The node's root file system: /init, the kernel modules and their load order, the Java runtime with its
 * shared libraries, the agent's jars, the helper programs PID 1 runs with fixed arguments ({@link #HELPERS}) with
 * their libraries, /etc/os-release and the mount points. No shell, no getty, no sshd.
 */
public final class NodeRootfs {
    public static final String MODULES_ORDER = "/etc/zos/modules.order";
    public static final String JAVA_HOME = "/usr/lib/jvm";
    public static final String AGENT_DIR = "/usr/lib/zos";
    /** Host programs copied into the image (image path = host path): mkfs.ext4 formats the cache disk on first boot. */
    public static final List<String> HELPERS = List.of("mkfs.ext4");
    static final String MKE2FS_CONF = "/etc/mke2fs.conf";

    private NodeRootfs() {
    }

    public static FsTree assemble(Path init, Kernel kernel, ModuleIndex modules, List<String> loadOrder,
                                  Path runtime, Map<String, Path> libraries, Map<String, Path> helpers, AgentBundle agent) {
        FsTree t = new FsTree();
        for (String d : List.of("/dev", "/proc", "/sys", "/run", "/tmp", "/root", "/etc/zos", "/var")) {
            t.dir(d);
        }
        t.charDevice("/dev/console", 0600, 5, 1);
        t.charDevice("/dev/null", 0666, 1, 3);
        t.file("/init", 0755, init);
        t.file("/etc/os-release", 0644, osRelease(kernel).getBytes(StandardCharsets.UTF_8));
        StringBuilder order = new StringBuilder();
        String modRoot = "/lib/modules/" + kernel.release();
        for (String m : loadOrder) {
            String rel = modules.root().relativize(modules.path(m)).toString().replaceAll("\\.ko\\.(xz|zst)$", ".ko");
            t.file(modRoot + "/" + rel, 0644, modules.elf(m)); // stored uncompressed: finit_module takes it as is
            order.append(modRoot).append('/').append(rel).append('\n');
        }
        t.file(MODULES_ORDER, 0644, order.toString().getBytes(StandardCharsets.UTF_8));
        t.copyTree(runtime, JAVA_HOME);
        libraries.forEach((path, host) -> t.file(path, 0755, host));
        helpers.forEach((path, host) -> t.file(path, 0755, host));
        if (!helpers.isEmpty() && java.nio.file.Files.isRegularFile(Path.of(MKE2FS_CONF))) {
            t.file(MKE2FS_CONF, 0644, Path.of(MKE2FS_CONF)); // mke2fs' defaults (ext4 features), as on the build host
        }
        t.file(AGENT_DIR + "/" + AgentBundle.JAR, 0644, agent.jar());
        for (Path lib : agent.libs()) {
            t.file(AGENT_DIR + "/lib/" + lib.getFileName(), 0644, lib);
        }
        return t;
    }

    /** Image path → host file of each of {@link #HELPERS}, as {@code /usr/sbin/NAME}. */
    public static Map<String, Path> helperPrograms() {
        Map<String, Path> out = new java.util.TreeMap<>();
        for (String tool : HELPERS) {
            Path host = dev.zos.imagegen.os.Exec.require(tool, "e2fsprogs");
            try {
                out.put("/usr/sbin/" + tool, host.toRealPath());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot resolve " + host, e);
            }
        }
        return out;
    }

    static String osRelease(Kernel kernel) {
        return "NAME=\"Zero-OS\"\nID=zos\nPRETTY_NAME=\"Zero-OS (Java node agent)\"\nVERSION_ID=3\n"
                + "BUILD_ID=" + kernel.release() + "\nHOME_URL=\"https://github.com/threefoldtech/zos\"\n";
    }
}
