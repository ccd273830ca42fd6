package dev.zos.node.boot.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code /etc/resolv.conf} under a root, written atomically (temp file + rename) from an {@link IpConfig}. */
public final class ResolvConf {
    private ResolvConf() {
    }

    public static Path write(Path root, IpConfig c) throws IOException {
        StringBuilder s = new StringBuilder("# written by zos-node from the " + c.source() + " configuration of " + c.iface() + "\n");
        if (c.domain() != null) {
            s.append("search ").append(c.domain()).append('\n');
        }
        for (Inet4Address a : c.dns()) {
            s.append("nameserver ").append(a.getHostAddress()).append('\n');
        }
        Path etc = root.resolve("etc");
        Files.createDirectories(etc);
        Path tmp = etc.resolve(".resolv.conf.tmp");
        Files.writeString(tmp, s);
        return Files.move(tmp, etc.resolve("resolv.conf"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
