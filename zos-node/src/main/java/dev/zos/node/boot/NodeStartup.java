package dev.zos.node.boot;

import dev.zos.node.agent.NodeAgent;
import dev.zos.node.agent.NodeConfig;
import dev.zos.node.boot.disk.BlockDevice;
import dev.zos.node.boot.disk.BlockDevices;
import dev.zos.node.boot.disk.CacheDisk;
import dev.zos.node.boot.net.NetworkSetup;
import dev.zos.node.capacity.StorageSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What PID 1 does after the manifest check and before the agent: reap orphans, bring up the network, mount the
 * cache disk and the kernel file systems the workloads need ({@link WorkloadMounts}), show all of it on the console,
 * then hand over to the agent. Any failure takes the fatal path
 * (console line, delay, reboot).
 */
final class NodeStartup {
    static final Duration DHCP_PER_NIC = Duration.ofSeconds(10);
    static final int DHCP_ROUNDS = 3;
    static final Path MKFS = Path.of("/usr/sbin/mkfs.ext4");

    private final PrintWriter out;
    private final int fatalDelay;

    NodeStartup(PrintWriter out, int fatalDelay) {
        this.out = out;
        this.fatalDelay = fatalDelay;
    }

    /** Never returns normally on a node: either the agent runs forever or the machine reboots. */
    int run(KernelCmdline cmdline) throws InterruptedException {
        new OrphanReaper(Path.of("/proc"), ProcessHandle.current().pid()).start(Duration.ofSeconds(2));

        NetworkSetup net = new NetworkSetup(Path.of("/sys/class/net"), Path.of("/"), DHCP_PER_NIC, DHCP_ROUNDS, this::say);
        NetworkSetup.Result network;
        try {
            network = net.bringUp(cmdline);
        } catch (RuntimeException e) {
            return Fatal.reboot(out, "fatal: network: " + e.getMessage(), fatalDelay, true);
        }
        say("zos-node: " + network.config().describe());
        network.lease().ifPresent(net::keepRenewing);

        CacheDisk.Mounted cache;
        try {
            cache = mountCache();
        } catch (Exception e) {
            return Fatal.reboot(out, "fatal: cache disk: " + e.getMessage(), fatalDelay, true);
        }
        say("zos-node: " + cache.describe());

        try {
            WorkloadMounts.mountAll();
        } catch (Exception e) {
            return Fatal.reboot(out, "fatal: " + e.getMessage(), fatalDelay, true);
        }
        say("zos-node: " + WorkloadMounts.describe());

        NodeConfig config;
        try {
            config = NodeConfig.resolve(new NodeConfig.Flags(null, null, null, null, cache.mountPoint(), null, null, null,
                    StorageSource.DISKS), cmdline, StorageSource.DISKS);
        } catch (RuntimeException e) {
            return Fatal.reboot(out, "fatal: kernel command line: " + e.getMessage(), fatalDelay, true);
        }
        // the manifest check proved the image whole; the grid says whether its own key signed it
        try {
            ReleaseKeyCheck.Verdict origin = ReleaseKeyCheck.checkImage(config.gridUrl(), Duration.ofSeconds(10));
            say("zos-node: " + origin.line());
            if (origin.refuse()) {
                return Fatal.reboot(out, "fatal: " + origin.line(), fatalDelay, true);
            }
        } catch (java.io.IOException e) {
            return Fatal.reboot(out, "fatal: cannot read the image's release key: " + e.getMessage(), fatalDelay, true);
        }
        // the same agent as `zos-node run`: registration, the relay session, provisioning
        NodeAgent.start(config, NodeAgent.Host.pid1(), this::say); // PID 1 owns the machine: target down may power it off
        while (true) {
            Thread.sleep(Long.MAX_VALUE); // PID 1 must never exit
        }
    }

    private CacheDisk.Mounted mountCache() throws Exception {
        List<BlockDevice> disks = List.of();
        // devices of modules loaded by /init may still be probing: look a few times before giving up
        for (int i = 0; i < 20; i++) { // SCSI disks are scanned asynchronously after sd_mod loads
            disks = BlockDevices.scan(Path.of("/sys/block"), Path.of("/dev"), BlockDevices.NODE_DISKS);
            Optional<BlockDevice> pick = CacheDisk.choose(disks, CacheDisk.MIN_SIZE);
            if (pick.isPresent()) {
                return CacheDisk.prepare(pick.get(), CacheDisk.MOUNT_POINT, MKFS);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no disk to use: need one labelled " + CacheDisk.LABEL + " or a blank fixed disk of at least 1 GiB; seen: "
                + (disks.isEmpty() ? "none" : String.join(", ", disks.stream().map(d -> d.describe() + " " + d.content().name().toLowerCase()).toList())));
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
