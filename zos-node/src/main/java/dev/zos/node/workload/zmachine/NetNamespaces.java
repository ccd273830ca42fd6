package dev.zos.node.workload.zmachine;

import dev.zos.node.workload.host.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Named network namespaces ({@code ip netns}) for containers, created before the container so that the network
 * workload can later plug interfaces into them by name. For now a namespace holds loopback only, brought up.
 */
public final class NetNamespaces {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path NETNS_DIR = Path.of("/run/netns");

    private final ProcessRunner runner;

    public NetNamespaces(ProcessRunner runner) {
        this.runner = runner;
    }

    /** Namespace names are limited by the kernel's interface-name rules only loosely; keep them short and unique. */
    static String name(String containerId) {
        return "zos-" + containerId;
    }

    /** Creates (or adopts) the namespace and returns its path for the OCI config. */
    public Path ensure(String name) {
        Path path = NETNS_DIR.resolve(name);
        if (!Files.exists(path)) {
            runner.check("cannot create network namespace " + name, List.of("ip", "netns", "add", name), TIMEOUT);
        }
        runner.check("cannot bring up loopback in " + name,
                List.of("ip", "-n", name, "link", "set", "lo", "up"), TIMEOUT);
        return path;
    }

    public void remove(String name) {
        if (Files.exists(NETNS_DIR.resolve(name))) {
            runner.check("cannot delete network namespace " + name, List.of("ip", "netns", "delete", name), TIMEOUT);
        }
    }
}
