package dev.zos.core.identity;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.zos.core.ZosException;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The public face of a stored identity: what may be listed, printed and serialised.
 * It holds no secret, so its {@code toString} and JSON are safe to show.
 *
 * @param name      the profile name, {@code ^[a-z0-9][a-z0-9_-]{0,31}$}
 * @param publicKey the ed25519 public key, 64 lowercase hex digits
 * @param ss58      the public key's SS58 address with prefix 42
 * @param source    whether the secret was a mnemonic or a hex seed
 * @param created   when the identity was created or imported, UTC
 */
public record Identity(String name, String publicKey, String ss58, SourceKind source,
                       @JsonSerialize(using = ToStringSerializer.class) Instant created) {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,31}$");
    private static final Pattern HEX_KEY = Pattern.compile("^[0-9a-f]{64}$");

    public Identity {
        requireValidName(name);
        if (publicKey == null || !HEX_KEY.matcher(publicKey).matches()) {
            throw ZosException.invalid("identity publicKey must be 64 lowercase hex digits");
        }
        if (ss58 == null || !Ss58.decode(ss58).publicKeyHex().equals(publicKey)) {
            throw ZosException.invalid("identity ss58 address does not match its publicKey");
        }
        if (source == null) {
            throw ZosException.invalid("identity source is missing; use mnemonic or seed");
        }
        if (created == null) {
            throw ZosException.invalid("identity created time is missing");
        }
    }

    public static Identity of(String name, TwinKey key, SourceKind source, Instant created) {
        return new Identity(name, key.publicKeyHex(), key.ss58Address(), source, created);
    }

    /** Returns {@code name} if it is a valid identity name, else fails saying what a name may hold. */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ZosException.invalid("identity name " + (name == null ? "is missing" : "\"" + name + "\" is invalid")
                    + "; use 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    /** The SS58 address of the same key for another network prefix. */
    public String ss58(int prefix) {
        return Ss58.encode(Ss58.decode(ss58).publicKey(), prefix);
    }
}
