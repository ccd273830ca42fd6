package dev.zos.farmer.pxe;

import dev.zos.core.ZosException;
import java.util.regex.Pattern;

/** {@code user@host[:port]}: where to log in. */
public record SshTarget(String user, String host, int port) {
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:]+]");

    public SshTarget {
        if (!USER.matcher(user).matches()) {
            throw ZosException.invalid("bad SSH user name '" + user + "'");
        }
        if (!HOST.matcher(host).matches()) {
            throw ZosException.invalid("bad SSH host '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw ZosException.invalid("bad SSH port " + port);
        }
    }

    public static SshTarget parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw ZosException.invalid("expected user@host[:port], got '" + text + "'");
        }
        String user = text.substring(0, at);
        String rest = text.substring(at + 1);
        String host = rest;
        String port = null;
        if (rest.startsWith("[") && rest.contains("]")) {
            host = rest.substring(0, rest.indexOf(']') + 1);
            String after = rest.substring(host.length());
            port = after.startsWith(":") ? after.substring(1) : after.isEmpty() ? null : after;
        } else if (rest.indexOf(':') > 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = rest.substring(rest.indexOf(':') + 1);
        }
        try {
            return new SshTarget(user, host, port == null ? 22 : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw ZosException.invalid("bad SSH port in '" + text + "'");
        }
    }

    public boolean root() {
        return user.equals("root");
    }

    @Override
    public String toString() {
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
