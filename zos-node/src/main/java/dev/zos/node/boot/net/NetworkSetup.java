package dev.zos.node.boot.net;

import dev.zos.node.boot.KernelCmdline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Brings the node onto the network: {@code lo} and every NIC up, then the static configuration of the kernel's
 * {@code ip=} when given, else DHCP on each NIC in turn (the first lease wins), then address, netmask, default
 * route and {@code /etc/resolv.conf}. A DHCP lease is renewed in the background at half its time.
 *
 * @param sysClassNet {@code /sys/class/net}
 * @param root        where {@code etc/resolv.conf} goes ({@code /} on a node)
 * @param perNic      how long to wait for a DHCP server on one NIC
 * @param rounds      how many times to go over all NICs before giving up
 */
public record NetworkSetup(Path sysClassNet, Path root, Duration perNic, int rounds, Consumer<String> log) {

    /** What was configured; {@code lease} is empty for a static configuration. */
    public record Result(IpConfig config, Optional<DhcpClient.Lease> lease) {
    }

    public Result bringUp(KernelCmdline cmdline) {
        if (java.nio.file.Files.isDirectory(sysClassNet.resolve("lo"))) {
            Interfaces.up("lo"); // the kernel adds 127.0.0.1/8 when lo goes up
        }
        List<String> nics = Interfaces.nics(sysClassNet);
        for (String nic : nics) {
            Interfaces.up(nic);
        }
        Optional<IpConfig> fixed = StaticIp.parse(cmdline.get("ip").orElse(null), nics.isEmpty() ? null : nics.get(0));
        if (fixed.isPresent()) {
            apply(fixed.get());
            return new Result(fixed.get(), Optional.empty());
        }
        if (nics.isEmpty()) {
            throw new DhcpClient.NoLeaseException("net: no Ethernet NIC found under " + sysClassNet);
        }
        for (int round = 1; round <= rounds; round++) {
            for (String nic : nics) {
                try {
                    DhcpClient.Lease lease = new DhcpClient(nic, Interfaces.mac(sysClassNet, nic), perNic, log).obtain();
                    apply(lease.config());
                    return new Result(lease.config(), Optional.of(lease));
                } catch (DhcpClient.NoLeaseException e) {
                    log.accept(e.getMessage());
                }
            }
        }
        throw new DhcpClient.NoLeaseException("net: no DHCP lease on " + String.join(", ", nics.stream().distinct().toList()) + " after " + rounds
                + " round(s) of " + perNic.toSeconds() + " s per NIC, and no ip= on the kernel command line");
    }

    void apply(IpConfig c) {
        Interfaces.configure(c);
        try {
            ResolvConf.write(root, c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve("etc/resolv.conf"), e);
        }
    }

    /** Renews {@code lease} at half its time, forever, on a daemon thread; a failed renewal is retried every minute. */
    public Thread keepRenewing(DhcpClient.Lease lease) {
        Thread t = Thread.ofPlatform().daemon().name("dhcp-renew").start(() -> {
            DhcpClient.Lease current = lease;
            long expires = System.nanoTime() + current.time().toNanos();
            Duration wait = current.time().dividedBy(2);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(wait);
                    String iface = current.config().iface();
                    DhcpClient.Lease next = new DhcpClient(iface, Interfaces.mac(sysClassNet, iface), perNic, log).renew(current);
                    if (!next.config().address().equals(current.config().address())) {
                        log.accept("dhcp: " + iface + " moved to " + next.config().address().getHostAddress());
                    }
                    apply(next.config());
                    current = next;
                    expires = System.nanoTime() + current.time().toNanos();
                    wait = current.time().dividedBy(2);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.accept(e.getMessage() + (System.nanoTime() > expires ? " (lease expired; keeping the address)" : "; retrying in 60 s"));
                    wait = Duration.ofSeconds(60);
                }
            }
        });
        return t;
    }
}
