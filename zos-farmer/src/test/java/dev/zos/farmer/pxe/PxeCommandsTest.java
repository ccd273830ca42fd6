package dev.zos.farmer.pxe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.registry.client.GridProfiles;
import dev.zos.farmer.FarmerMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'zos-farmer pxe setup|remove' over real SSH (sshj ↔ Apache SSHD) against a modelled Debian LAN host. */
class PxeCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path serverDir;

    TestGrid grid;
    LanHost lan;
    long farm;
    String target;

    @BeforeEach
    void setUp() throws Exception {
        grid = TestGrid.shared();
        farm = grid.newFarm("pxe-farm-" + System.nanoTime() % 100000);
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        var writer = new OpenSSHKeyPairResourceWriter();
        try (OutputStream out = Files.newOutputStream(ssh.resolve("id_ecdsa"))) {
            writer.writePrivateKey(pair, "farmer", null, out);
        }
        try (OutputStream out = Files.newOutputStream(ssh.resolve("id_ecdsa.pub"))) {
            writer.writePublicKey(pair, "farmer", out);
        }
        lan = new LanHost(serverDir, ssh.resolve("id_ecdsa.pub"));
        Files.writeString(ssh.resolve("known_hosts"), lan.knownHostsLine());
        target = "root@127.0.0.1:" + lan.port();
        Path config = farmer().configDir();
        new IdentityStore(config).create("farmer", 12);
        new GridProfiles(config).use(grid.url(), "local");
    }

    @AfterEach
    void tearDown() throws Exception {
        lan.close();
    }

    CliHarness farmer() {
        return new CliHarness(FarmerMain.class, home);
    }

    Path conf() {
        return lan.root.resolve("etc/dnsmasq.d/zos-pxe.conf");
    }

    @Test
    void setupInstallsConfiguresAndRestartsOnceThenChangesNothing() throws Exception {
        var first = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "-o", "json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String conf = Files.readString(conf());
        assertThat(conf)
                .contains("dhcp-range=192.168.7.0,proxy", "interface=eth1", "enable-tftp", "tftp-root=/srv/zos-pxe",
                        "pxe-service=tag:!ipxe,x86PC,\"Zero-OS (BIOS)\",undionly.kpxe",
                        "pxe-service=tag:ipxe,x86PC,\"Zero-OS farm " + farm + "\"," + grid.url().replaceAll("/$", "")
                                + "/ipxe/prod/" + farm);
        assertThat(lan.commandsStarting("export DEBIAN_FRONTEND=noninteractive; apt-get")).hasSize(1);
        assertThat(lan.commandsStarting("systemctl restart dnsmasq")).hasSize(1);
        assertThat(lan.commandsStarting("install -d -m 0755 /srv/zos-pxe")).singleElement()
                .asString().contains("install -C -m 0644 /usr/lib/ipxe/undionly.kpxe /srv/zos-pxe/undionly.kpxe",
                        "/usr/lib/ipxe/ipxe.efi /srv/zos-pxe/ipxe.efi");
        assertThat(Files.getPosixFilePermissions(conf())).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ", "OTHERS_READ");
        JsonNode report = JSON.readTree(first.out());
        assertThat(report.get("steps").findValuesAsText("state")).contains("installed now", "written", "restarted");

        var again = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "-o", "json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(JSON.readTree(again.out()).get("steps").findValuesAsText("state"))
                .contains("installed", "unchanged", "running").doesNotContain("written", "restarted");
        assertThat(lan.commandsStarting("systemctl restart dnsmasq")).hasSize(1);
        assertThat(lan.commandsStarting("export DEBIAN_FRONTEND")).hasSize(1);
        assertThat(Files.readString(conf())).isEqualTo(conf);
    }

    @Test
    void aNewRunmodeOrInterfaceRewritesTheConfigAndRestarts() throws Exception {
        assertThat(farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm)).exitCode()).isZero();
        var test = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "--runmode", "test");
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(Files.readString(conf())).contains("/ipxe/test/" + farm).doesNotContain("/ipxe/prod/");
        assertThat(lan.commandsStarting("systemctl restart dnsmasq")).hasSize(2);

        var badIf = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "--interface", "wlan9");
        assertThat(badIf.exitCode()).isEqualTo(1);
        assertThat(badIf.err()).contains("no IPv4 address on interface wlan9");
        assertThat(Files.readString(conf())).contains("/ipxe/test/" + farm);
    }

    @Test
    void dryRunReadsButChangesNothing() throws Exception {
        var dry = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would install", "would write", "would restart");
        assertThat(conf()).doesNotExist();
        assertThat(lan.commands).noneMatch(c -> c.contains("apt-get") || c.startsWith("systemctl restart")
                || c.startsWith("install"));
    }

    @Test
    void removeUndoesSetupAndIsIdempotent() throws Exception {
        assertThat(farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm)).exitCode()).isZero();
        var removed = farmer().run("pxe", "remove", target, "--purge", "-o", "json");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(conf()).doesNotExist();
        assertThat(lan.commandsStarting("systemctl restart dnsmasq")).hasSize(2);
        assertThat(lan.commandsStarting("rm -rf /srv/zos-pxe")).hasSize(1);

        var again = farmer().run("pxe", "remove", target);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("absent");
        assertThat(lan.commandsStarting("systemctl restart dnsmasq")).hasSize(2);
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAndNothingHappens() throws Exception {
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        var refused = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("host key of " + target + " is not in", "SHA256:", "--accept-host-key");
        assertThat(lan.commands).isEmpty();

        String fingerprint = refused.err().replaceAll("(?s).*--accept-host-key (SHA256:\\S+).*", "$1").strip();
        var accepted = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "--accept-host-key", fingerprint);
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(conf()).exists();
    }

    @Test
    void aLoginWithAnotherKeyIsRefused() throws Exception {
        Files.move(home.resolve(".ssh/id_ecdsa"), home.resolve("other"));
        var none = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no SSH private key found", "--identity");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        try (OutputStream out = Files.newOutputStream(home.resolve("stranger"))) {
            new OpenSSHKeyPairResourceWriter().writePrivateKey(generator.generateKeyPair(), "x", null, out);
        }
        var refused = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "-i", home.resolve("stranger").toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("SSH login as " + target + " refused");
        assertThat(conf()).doesNotExist();
    }

    @Test
    void refusesHostsThatAreNotDebianOrUbuntu() throws Exception {
        Files.writeString(lan.root.resolve("etc/os-release"), "PRETTY_NAME=\"Fedora Linux 40\"\nID=fedora\n");
        var refused = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("zos-farmer: " + target + " runs Fedora Linux 40; pxe setup supports Debian and Ubuntu hosts");
        assertThat(lan.commands).isEmpty();
    }

    @Test
    void aDnsmasqThatDoesNotStartIsReportedWithItsLogLine() throws Exception {
        lan.dnsmasqFailsToStart = true;
        var failed = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("dnsmasq did not start on " + target, "Address already in use");
    }

    @Test
    void checksTheFarmAndTheArgumentsBeforeConnecting() {
        var unknown = farmer().run("pxe", "setup", target, "--farm", "999999");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("farm 999999");
        var badTarget = farmer().run("pxe", "setup", "127.0.0.1", "--farm", String.valueOf(farm));
        assertThat(badTarget.exitCode()).isEqualTo(1);
        assertThat(badTarget.err()).contains("expected user@host[:port]");
        var badMode = farmer().run("pxe", "setup", target, "--farm", String.valueOf(farm), "--runmode", "qa");
        assertThat(badMode.exitCode()).isEqualTo(1);
        assertThat(badMode.err()).contains("--runmode must be dev, test or prod");
        assertThat(lan.commands).isEmpty();
    }

    @Test
    void nonRootLoginsGoThroughSudo() throws Exception {
        var run = farmer().run("pxe", "setup", "farmer@127.0.0.1:" + lan.port(), "--farm", String.valueOf(farm), "--dry-run");
        assertThat(lan.commands).isNotEmpty().allMatch(c -> c.startsWith("sudo -n sh -c '"), "every command through sudo -n");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void configRendering() {
        assertThat(DnsmasqConfig.networkOf("10.1.2.3/8")).isEqualTo("10.0.0.0");
        assertThat(DnsmasqConfig.networkOf("192.168.7.20/24")).isEqualTo("192.168.7.0");
        assertThat(DnsmasqConfig.networkOf("172.16.5.77/20")).isEqualTo("172.16.0.0");
        assertThat(DnsmasqConfig.scriptUrl(URI.create("http://grid.lan:8080/"), "dev", 4))
                .hasToString("http://grid.lan:8080/ipxe/dev/4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DnsmasqConfig.networkOf("192.168.7.20/31"))
                .isInstanceOf(ZosException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DnsmasqConfig("10.0.0.0", "eth0;reboot", URI.create("http://g/ipxe/prod/1"), 1))
                .hasMessageContaining("bad interface name");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DnsmasqConfig("10.0.0.0", null, URI.create("tftp://g/x"), 1))
                .hasMessageContaining("http(s)");
        assertThat(SshTarget.parse("root@[fe80::1]:2222")).isEqualTo(new SshTarget("root", "[fe80::1]", 2222));
        assertThat(SshTarget.parse("pi@lan-host")).isEqualTo(new SshTarget("pi", "lan-host", 22));
    }
}
