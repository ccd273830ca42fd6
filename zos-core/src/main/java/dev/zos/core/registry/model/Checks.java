package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** Small validation helpers shared by the model records; every failure is an INVALID with a precise message. */
public final class Checks {
    private static final Pattern HEX = Pattern.compile("^(?:[0-9a-f]{2})*$");

    private Checks() {
    }

    public static <T> T required(T value, String what) {
        if (value == null) {
            throw ZosException.invalid(what + " is required");
        }
        return value;
    }

    public static long positive(long value, String what) {
        if (value <= 0) {
            throw ZosException.invalid(what + " must be a positive id, got " + value);
        }
        return value;
    }

    public static long notNegative(long value, String what) {
        if (value < 0) {
            throw ZosException.invalid(what + " must not be negative, got " + value);
        }
        return value;
    }

    public static String text(String value, String what, int max) {
        required(value, what);
        if (value.length() > max) {
            throw ZosException.invalid(what + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i)) || Character.isSurrogate(value.charAt(i))) {
                throw ZosException.invalid(what + " contains a control or invalid character at position " + i);
            }
        }
        return value;
    }

    /** Lower-case hex of exactly {@code bytes} bytes (any even length when {@code bytes} is negative). */
    public static String hex(String value, String what, int bytes) {
        required(value, what);
        if (!HEX.matcher(value).matches()) {
            throw ZosException.invalid(what + " must be lower-case hex");
        }
        if (bytes >= 0 && value.length() != bytes * 2) {
            throw ZosException.invalid(what + " must be " + bytes + " bytes (" + bytes * 2 + " hex digits), got "
                    + value.length() + " digits");
        }
        return value;
    }

    public static byte[] unhex(String value) {
        return HexFormat.of().parseHex(value);
    }
}
