package dev.zos.farmer.pxe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A farm's LAN host for tests: a real SSH server (Apache SSHD, key login, SFTP into a private root directory)
 * whose few system commands — ip, dpkg-query, apt-get, install, systemctl, journalctl — act on a small model
 * of a Debian host, so tests see the files written and every package install and service restart issued.
 */
final class LanHost implements AutoCloseable {
    final Path root;
    final SshServer server;
    final List<String> commands = new CopyOnWriteArrayList<>();
    volatile boolean packagesInstalled;
    volatile boolean dnsmasqActive;
    volatile boolean dnsmasqFailsToStart;

    LanHost(Path dir, Path authorizedKey) throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc/dnsmasq.d"));
        Files.writeString(root.resolve("etc/os-release"),
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nID=debian\n");
        String allowed = Files.readString(authorizedKey).strip();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host-key")));
        server.setPublickeyAuthenticator((user, key, session) ->
                PublicKeyEntry.toString(key).equals(allowed.split(" ")[0] + " " + allowed.split(" ")[1]));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setCommandFactory((channel, command) -> new Shell(command));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** {@code [127.0.0.1]:port ssh-… AAAA…}: this host's line for a known_hosts file. */
    String knownHostsLine() throws Exception {
        var key = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key) + "\n";
    }

    List<String> commandsStarting(String prefix) {
        return commands.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** One exec request, answered from the model. */
    private final class Shell implements Command {
        private final String command;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Shell(String command) {
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commands.add(command);
            String[] reply = answer(command);
            try {
                out.write(reply[1].getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(reply[2].getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // the client went away
            }
            exit.onExit(Integer.parseInt(reply[0]));
        }

        private String[] answer(String c) {
            if (c.equals("ip -4 route show default")) {
                return ok("default via 192.168.7.1 dev eth1 proto dhcp src 192.168.7.20 metric 100\n");
            }
            if (c.equals("ip -4 -o addr show dev 'eth1'")) {
                return ok("3: eth1    inet 192.168.7.20/24 brd 192.168.7.255 scope global dynamic eth1\\       valid_lft 86094sec\n");
            }
            if (c.startsWith("ip -4 -o addr show dev ")) {
                return new String[] {"1", "", "Device does not exist.\n"};
            }
            if (c.startsWith("dpkg-query")) {
                return ok(packagesInstalled ? "dnsmasq install ok installed\nipxe install ok installed\n" : "");
            }
            if (c.contains("apt-get install")) {
                packagesInstalled = true;
                return ok("");
            }
            if (c.startsWith("install -d -m 0755 /srv/zos-pxe")) {
                return packagesInstalled ? ok("") : new String[] {"1", "", "install: cannot stat '/usr/lib/ipxe/undionly.kpxe'\n"};
            }
            if (c.equals("systemctl is-active --quiet dnsmasq")) {
                return new String[] {dnsmasqActive ? "0" : "3", "", ""};
            }
            if (c.equals("systemctl restart dnsmasq")) {
                dnsmasqActive = !dnsmasqFailsToStart;
                return dnsmasqFailsToStart ? new String[] {"1", "", "Job for dnsmasq.service failed.\n"} : ok("");
            }
            if (c.startsWith("journalctl -u dnsmasq")) {
                return ok("dnsmasq: failed to create listening socket for port 67: Address already in use\n");
            }
            if (c.startsWith("systemctl enable") || c.startsWith("rm -rf /srv/zos-pxe")) {
                return ok("");
            }
            return new String[] {"127", "", "sh: " + c.split(" ")[0] + ": not found\n"};
        }

        private static String[] ok(String stdout) {
            return new String[] {"0", stdout, ""};
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
