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
    /**
     * A host file copied into the image at the same path (the loader and PATH find it where Debian puts it), with the
     * Debian package that has it and why the node needs it. Its shared libraries come along ({@code ldd}).
     */
    public record Helper(String path, String debianPackage, String reason) {
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The programs the agent runs with fixed arguments; nothing else is executable in the image but java and /init. */
    public static final List<Helper> HELPERS = List.of(
            new Helper("/usr/sbin/mkfs.ext4", "e2fsprogs", "formats the cache disk on first boot and every zmount, volume and zmachine root disk"),
            new Helper("/usr/sbin/e2fsck", "e2fsprogs", "checks a zmount or volume disk before it is grown (resize2fs insists)"),
            new Helper("/usr/sbin/resize2fs", "e2fsprogs", "grows a zmount or volume disk when its deployment is updated"),
            new Helper("/usr/bin/mount", "mount", "loop-mounts disk images and mounts a zmachine's overlay root"),
            new Helper("/usr/bin/umount", "mount", "unmounts them again when a workload is deleted"),
            new Helper("/usr/sbin/ip", "iproute2", "network namespaces, bridges and veth pairs for zmachines and networks"),
            new Helper("/usr/bin/crun", "crun", "the OCI runtime that runs zmachine containers (a tenth of runc's size; "
                    + "the node mounts cgroup v2 alone, which crun requires)"));

    /**
     * Libraries the agent loads by name at run time (jnr), which no {@code ldd} of the runtime finds: libfuse2 for the
     * FUSE-mounted zmachine roots (jnr-fuse), libsodium for BLAKE2b on every flist block read (faster than the Java
     * fallback, which matters under emulation).
     */
    public static final List<Helper> LOADED_LIBRARIES = List.of(
            new Helper("/lib/x86_64-linux-gnu/libfuse.so.2", "libfuse2", "jnr-fuse serves zmachine root flists over FUSE"),
            new Helper("/usr/lib/x86_64-linux-gnu/libsodium.so.23", "libsodium23", "BLAKE2b of flist blocks (zos-core falls back to Java without it)"));

    /**
     * Symbolic links the helpers expect: without a real /etc/mtab, libfuse2 and mount(8) leave the mount table to the
     * kernel instead of trying to rewrite it; {@code ip netns} keeps its namespaces under /var/run/netns.
     */
    static final Map<String, String> LINKS = Map.of("/etc/mtab", "/proc/self/mounts", "/var/run", "/run");
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
        LINKS.forEach(t::symlink);
        if (!helpers.isEmpty() && java.nio.file.Files.isRegularFile(Path.of(MKE2FS_CONF))) {
            t.file(MKE2FS_CONF, 0644, Path.of(MKE2FS_CONF)); // mke2fs' defaults (ext4 features), as on the build host
        }
        t.file(AGENT_DIR + "/" + AgentBundle.JAR, 0644, agent.jar());
        for (Path lib : agent.libs()) {
            t.file(AGENT_DIR + "/lib/" + lib.getFileName(), 0644, lib);
        }
        return t;
    }

    /** Image path → host file of each of {@link #HELPERS}; a missing one fails naming its Debian package. */
    public static Map<String, Path> helperPrograms() {
        return hostFiles(HELPERS);
    }

    /** Image path → host file of each of {@link #LOADED_LIBRARIES}. */
    public static Map<String, Path> loadedLibraries() {
        return hostFiles(LOADED_LIBRARIES);
    }

    static Map<String, Path> hostFiles(List<Helper> wanted) {
        Map<String, Path> out = new java.util.TreeMap<>();
        for (Helper h : wanted) {
            Path host = Path.of(h.path());
            if (!java.nio.file.Files.exists(host)) {
                throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.UNAVAILABLE, h.path() + " is missing on this machine ("
                        + h.reason() + "); install it with: apt-get install -y " + h.debianPackage());
            }
            try {
                out.put(h.path(), host.toRealPath());
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
