package dev.zos.flist.hub;

import dev.zos.core.ZosException;

import java.util.regex.Pattern;

/**
 * What a hub accepts as names. A user is the publishing twin's id in decimal; an entry name (an flist or a
 * link) is 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit, so
 * it can never be {@code .}, {@code ..} or hold a slash.
 */
public final class HubNames {
    private static final Pattern USER = Pattern.compile("^[1-9][0-9]{0,17}$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    private HubNames() {
    }

    public static boolean isUser(String user) {
        return user != null && USER.matcher(user).matches();
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.endsWith(".md5");
    }

    public static long requireUser(String user) {
        if (!isUser(user)) {
            throw ZosException.invalid("hub user '" + clip(user) + "' is not a twin id (a positive whole number)");
        }
        return Long.parseLong(user);
    }

    public static String requireName(String name) {
        if (!isName(name)) {
            throw ZosException.invalid("hub name '" + clip(name) + "' is invalid; use 1 to 128 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit, not ending in .md5");
        }
        return name;
    }

    /** An flist name as published: the given name, with {@code .fl} added when it has no {@code .fl}/{@code .flist}. */
    public static String flistName(String name) {
        String n = name.endsWith(".fl") || name.endsWith(".flist") ? name : name + ".fl";
        return requireName(n);
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }
}
