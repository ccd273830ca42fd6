package dev.zos.node.workload;

import dev.zos.testkit.ExternalService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the real-host tests need: root, and host tools from Debian packages. Skips locally, fails under CI. */
public final class HostTools {
    private HostTools() {
    }

    public static void requireRoot() {
        ExternalService.require(uid() == 0,
                "these tests mount loop devices and overlays: run them as root");
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code program} on PATH, from Debian package {@code debianPackage}. */
    public static void requireTool(String program, String debianPackage) {
        ExternalService.require(onPath(program), program + " is not installed: apt-get install -y " + debianPackage);
    }

    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }
}
