package dev.zos.node.boot.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.node.workload.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCP client against a real dnsmasq: a server namespace with dnsmasq on one end of a veth pair, a client
 * namespace per test on the other end, and the client running as a child JVM inside it ({@code ip netns exec}),
 * exactly the code PID 1 runs. Needs root, iproute2 and dnsmasq.
 */
class DhcpNamespaceTest {
    static final String TAG = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    static final String SERVER_NS = "zosdhcp-s-" + TAG;
    static final int NET = ThreadLocalRandom.current().nextInt(100, 200);
    static final String PREFIX = "10." + NET + ".7.";
    static final List<String> CLIENTS = new ArrayList<>();
    static Process dnsmasq;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void serverNamespaceWithDnsmasq() throws Exception {
        HostTools.requireRoot();
        HostTools.requireTool("ip", "iproute2");
        HostTools.requireTool("dnsmasq", "dnsmasq-base");
        ip("netns", "add", SERVER_NS);
        ip("-n", SERVER_NS, "link", "set", "lo", "up");
        // the server side bridges every client's veth, so each test gets a fresh client namespace on the same LAN
        ip("-n", SERVER_NS, "link", "add", "br0", "type", "bridge");
        ip("-n", SERVER_NS, "addr", "add", PREFIX + "1/24", "dev", "br0");
        ip("-n", SERVER_NS, "link", "set", "br0", "up");
        Path dir = Files.createDirectories(tmp.resolve("dnsmasq"));
        dnsmasq = new ProcessBuilder("ip", "netns", "exec", SERVER_NS, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--user=root",
                "--port=0", "--interface=br0", "--bind-interfaces", "--dhcp-authoritative",
                "--dhcp-range=" + PREFIX + "50," + PREFIX + "59,255.255.255.0,1h",
                "--dhcp-option=option:router," + PREFIX + "1", "--dhcp-option=option:dns-server," + PREFIX + "53",
                "--dhcp-option=option:domain-name,lab.zos", "--dhcp-leasefile=" + dir.resolve("leases"), "--pid-file=" + dir.resolve("pid"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Thread.sleep(300);
        assertThat(dnsmasq.isAlive()).as("dnsmasq: " + Files.readString(dir.resolve("log"))).isTrue();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            dnsmasq.waitFor(5, TimeUnit.SECONDS);
        }
        for (String ns : CLIENTS) {
            run(List.of("ip", "netns", "del", ns));
        }
        run(List.of("ip", "netns", "del", SERVER_NS));
    }

    /** A client namespace with one NIC {@code nic}, plugged into the server's bridge when {@code connected}. */
    static String client(String nic, boolean connected) throws Exception {
        String ns = "zosdhcp-c" + CLIENTS.size() + "-" + TAG;
        String peer = "zp" + CLIENTS.size() + TAG;
        ip("netns", "add", ns);
        CLIENTS.add(ns);
        ip("link", "add", nic + TAG, "netns", ns, "type", "veth", "peer", "name", peer, "netns", SERVER_NS);
        ip("-n", ns, "link", "set", nic + TAG, "name", nic);
        if (connected) {
            ip("-n", SERVER_NS, "link", "set", peer, "master", "br0");
        }
        ip("-n", SERVER_NS, "link", "set", peer, "up");
        return ns;
    }

    @Test
    void aLeaseConfiguresAddressRouteAndResolvConf() throws Exception {
        String ns = client("eth0", true);
        Path root = Files.createDirectories(tmp.resolve("root-dhcp"));
        long start = System.nanoTime();
        Probe p = probe(ns, root, 10, 1, "farmer_id=1", "renew");
        System.out.printf("dhcp lease in %.1f s (child JVM included)%n", (System.nanoTime() - start) / 1e9);
        assertThat(p.exit).as(p.out).isZero();
        assertThat(p.out).containsPattern("net: eth0 " + PREFIX.replace(".", "\\.") + "5\\d/24 gateway " + PREFIX.replace(".", "\\.")
                + "1 dns " + PREFIX.replace(".", "\\.") + "53 \\(dhcp\\)");
        String address = p.out.replaceAll("(?s).*net: eth0 (\\S+)/24.*", "$1");
        assertThat(ipOut("-n", ns, "-4", "addr", "show", "dev", "eth0")).contains("inet " + address + "/24").contains("UP");
        assertThat(ipOut("-n", ns, "route", "show", "default")).contains("default via " + PREFIX + "1 dev eth0");
        assertThat(ipOut("-n", ns, "-4", "addr", "show", "dev", "lo")).contains("127.0.0.1/8");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).endsWith("search lab.zos\nnameserver " + PREFIX + "53\n");
        assertThat(Files.readString(tmp.resolve("dnsmasq/leases"))).contains(address);
        // the renewal (REQUEST with ciaddr) is acknowledged for the same address and the lease's full time
        assertThat(p.out).contains("renewed: net: eth0 " + address + "/24 gateway " + PREFIX + "1").contains(" for 3600 s");
    }

    @Test
    void staticIpFromTheCommandLineNeedsNoServer() throws Exception {
        String ns = client("eth0", false);
        Path root = Files.createDirectories(tmp.resolve("root-static"));
        Probe p = probe(ns, root, 2, 1, "ip=" + PREFIX + "200/25::" + PREFIX + "129:::::" + PREFIX + "9 farmer_id=1");
        assertThat(p.exit).as(p.out).isZero();
        assertThat(p.out).contains("net: eth0 " + PREFIX + "200/25 gateway " + PREFIX + "129 dns " + PREFIX + "9 (static)").doesNotContain("dhcp");
        assertThat(ipOut("-n", ns, "-4", "addr", "show", "dev", "eth0")).contains("inet " + PREFIX + "200/25");
        assertThat(ipOut("-n", ns, "route", "show", "default")).contains("default via " + PREFIX + "129 dev eth0");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).endsWith("nameserver " + PREFIX + "9\n");
    }

    @Test
    void noServerGivesAClearTimeoutAndChangesNothing() throws Exception {
        String ns = client("eth0", false); // cable not plugged into the server's bridge: nobody answers
        Path root = Files.createDirectories(tmp.resolve("root-none"));
        long start = System.nanoTime();
        Probe p = probe(ns, root, 3, 2, "");
        double took = (System.nanoTime() - start) / 1e9;
        assertThat(p.exit).as(p.out).isEqualTo(1);
        assertThat(p.out).contains("log: dhcp: no offer on eth0 after 3 s")
                .contains("error: net: no DHCP lease on eth0 after 2 round(s) of 3 s per NIC, and no ip= on the kernel command line");
        assertThat(took).isBetween(6.0, 30.0);
        assertThat(ipOut("-n", ns, "-4", "addr", "show", "dev", "eth0")).doesNotContain("inet ");
        assertThat(ipOut("-n", ns, "route", "show")).isBlank();
        assertThat(root.resolve("etc/resolv.conf")).doesNotExist();
    }

    @Test
    void aGatewayOutsideTheStaticSubnetIsAClearError() throws Exception {
        String ns = client("eth0", false);
        Probe p = probe(ns, Files.createDirectories(tmp.resolve("root-gw")), 2, 1, "ip=" + PREFIX + "200/25::" + PREFIX + "1");
        assertThat(p.exit).isEqualTo(1);
        assertThat(p.out).contains("error: SIOCADDRT default via " + PREFIX + "1 dev eth0: Network is unreachable");
    }

    @Test
    void aBadIpArgumentIsNamedAndNothingIsConfigured() throws Exception {
        String ns = client("eth0", true);
        Path root = Files.createDirectories(tmp.resolve("root-bad"));
        Probe p = probe(ns, root, 2, 1, "ip=10.1.1.1/40");
        assertThat(p.exit).isEqualTo(1);
        assertThat(p.out).contains("error: ip=10.1.1.1/40: prefix '40' is not 0..32");
        assertThat(ipOut("-n", ns, "-4", "addr", "show", "dev", "eth0")).doesNotContain("inet ");
    }

    record Probe(int exit, String out) {
    }

    static Probe probe(String ns, Path root, int perNic, int rounds, String cmdline, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, java, "-cp", cp, NetProbeMain.class.getName(), root.toString(),
                Integer.toString(perNic), Integer.toString(rounds), cmdline));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.print(out);
        return new Probe(p.exitValue(), out);
    }

    static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        String out = run(cmd);
        if (out.startsWith("FAILED")) {
            throw new AssertionError(String.join(" ", cmd) + ": " + out);
        }
    }

    static String ipOut(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "FAILED " + out;
    }
}
