package dev.zos.node.workload.network;

import dev.zos.core.ZosException;
import dev.zos.node.workload.host.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's network links, through iproute2's {@code ip} (the node image has to ship iproute2): bridges for
 * networks, veth pairs for machines. Every operation names the link it failed on.
 */
public final class Links {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProcessRunner runner;
    private final Path procSys;

    /** @param procSys {@code /proc/sys}, where per-interface forwarding is switched */
    public Links(ProcessRunner runner, Path procSys) {
        this.runner = runner;
        this.procSys = procSys;
    }

    public Links(ProcessRunner runner) {
        this(runner, Path.of("/proc/sys"));
    }

    public boolean exists(String link) {
        return runner.run(List.of("ip", "link", "show", "dev", link), TIMEOUT).exitCode() == 0;
    }

    /**
     * Creates (or adopts) bridge {@code name} holding exactly {@code address/prefix}, up, with IPv4 forwarding
     * off for what arrives on it: machines reach each other (switched, not routed) and the gateway address, but
     * nothing is routed from the bridge to the host's other interfaces.
     */
    public void ensureBridge(String name, String address, int prefix) {
        if (!exists(name)) {
            check("cannot create bridge " + name, "ip", "link", "add", name, "type", "bridge");
        }
        String wanted = address + "/" + prefix;
        for (String other : addresses(name)) {
            if (!other.equals(wanted)) {
                check("cannot remove old address " + other + " from bridge " + name,
                        "ip", "addr", "del", other, "dev", name);
            }
        }
        check("cannot set address " + wanted + " on bridge " + name, "ip", "addr", "replace", wanted, "dev", name);
        writeSysctl("net/ipv4/conf/" + name + "/forwarding", "0");
        check("cannot bring up bridge " + name, "ip", "link", "set", name, "up");
    }

    /** The IPv4 addresses (with prefix) on {@code link}. */
    public List<String> addresses(String link) {
        var out = check("cannot list addresses of " + link, "ip", "-4", "-o", "addr", "show", "dev", link).stdout();
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet")) {
                    found.add(words[i + 1]);
                }
            }
        }
        return found;
    }

    /** The links enslaved to {@code bridge} (the machines still attached). */
    public List<String> ports(String bridge) {
        var out = check("cannot list the ports of bridge " + bridge, "ip", "-o", "link", "show", "master", bridge)
                .stdout();
        List<String> ports = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split(":\\s+", 3); // "12: zv0123@if11: <BROADCAST,…>"
            if (parts.length >= 2) {
                String name = parts[1].strip();
                int at = name.indexOf('@');
                ports.add(at < 0 ? name : name.substring(0, at));
            }
        }
        return ports;
    }

    /**
     * A veth pair whose host end {@code hostEnd} joins {@code bridge} and whose other end is {@code eth0} in
     * namespace {@code netns}, with {@code address/prefix} and a default route via {@code gateway}. A pair left
     * from before (a machine restarted after a crash) is replaced.
     */
    public void attach(String hostEnd, String bridge, String netns, String address, int prefix, String gateway) {
        delete(hostEnd);
        check("cannot create veth " + hostEnd + " into " + netns,
                "ip", "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", netns);
        check("cannot attach " + hostEnd + " to bridge " + bridge, "ip", "link", "set", hostEnd, "master", bridge);
        check("cannot bring up " + hostEnd, "ip", "link", "set", hostEnd, "up");
        check("cannot set address " + address + " in " + netns,
                "ip", "-n", netns, "addr", "replace", address + "/" + prefix, "dev", "eth0");
        check("cannot bring up eth0 in " + netns, "ip", "-n", netns, "link", "set", "eth0", "up");
        check("cannot set the default route via " + gateway + " in " + netns,
                "ip", "-n", netns, "route", "replace", "default", "via", gateway, "dev", "eth0");
    }

    /** Deletes {@code link} (for a veth, both ends); nothing to do when it is gone. */
    public void delete(String link) {
        if (exists(link)) {
            check("cannot delete link " + link, "ip", "link", "delete", link);
        }
    }

    private void writeSysctl(String key, String value) {
        Path file = procSys.resolve(key);
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private dev.zos.node.workload.host.ProcessResult check(String what, String... command) {
        return runner.check(what, List.of(command), TIMEOUT);
    }
}
