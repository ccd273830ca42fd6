package dev.zos.node.boot.net;

import dev.zos.node.boot.KernelCmdline;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@link NetworkSetup#bringUp} as PID 1 would, in whatever network namespace it is started in
 * ({@code ip netns exec NS java ... NetProbeMain ROOT PER_NIC_SECONDS ROUNDS CMDLINE [renew]}). Prints the configuration or
 * the error; exit 0 or 1.
 */
public final class NetProbeMain {
    private NetProbeMain() {
    }

    public static void main(String[] args) {
        var setup = new NetworkSetup(Path.of("/sys/class/net"), Path.of(args[0]), Duration.ofSeconds(Long.parseLong(args[1])),
                Integer.parseInt(args[2]), line -> System.out.println("log: " + line));
        try {
            NetworkSetup.Result r = setup.bringUp(KernelCmdline.parse(args[3]));
            System.out.println(r.config().describe());
            if (args.length > 4 && args[4].equals("renew")) {
                DhcpClient.Lease lease = r.lease().orElseThrow();
                String nic = lease.config().iface();
                DhcpClient.Lease next = new DhcpClient(nic, Interfaces.mac(Path.of("/sys/class/net"), nic), Duration.ofSeconds(5), System.out::println)
                        .renew(lease);
                System.out.println("renewed: " + next.config().describe() + " for " + next.time().toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
