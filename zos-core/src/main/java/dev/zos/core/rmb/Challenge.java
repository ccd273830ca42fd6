package dev.zos.core.rmb;

import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bytes an envelope signature covers, in the exact order ThreeFold's peers write them
 * (tfgrid-sdk-go rmb-sdk-go/peer/hashes.go): no separators, integers as unsigned decimal ASCII,
 * strings as UTF-8, optional fields only when present.
 *
 * <p>Because absent and empty optional strings add the same (zero) bytes, they are indistinguishable
 * to the signature; peers must not give them different meanings.
 */
public final class Challenge {
    private Challenge() {
    }

    /** The challenge bytes, before hashing. */
    public static byte[] bytes(Envelope env) {
        var out = new ByteArrayOutputStream(128 + env.getPlain().size() + env.getCipher().size());
        text(out, env.getUid());
        if (env.hasTags()) {
            text(out, env.getTags());
        }
        text(out, Long.toUnsignedString(env.getTimestamp()));
        text(out, Long.toUnsignedString(env.getExpiration()));
        if (env.hasSource()) {
            address(out, env.getSource());
        }
        if (env.hasDestination()) {
            address(out, env.getDestination());
        }
        switch (env.getMessageCase()) {
            case REQUEST -> text(out, env.getRequest().getCommand());
            case ERROR -> {
                text(out, Integer.toUnsignedString(env.getError().getCode()));
                text(out, env.getError().getMessage());
            }
            default -> {
                // response, ping and pong carry nothing of their own into the challenge
            }
        }
        if (env.hasSchema()) {
            text(out, env.getSchema());
        }
        if (env.hasFederation()) {
            text(out, env.getFederation());
        }
        switch (env.getPayloadCase()) {
            case PLAIN -> out.writeBytes(env.getPlain().toByteArray());
            case CIPHER -> out.writeBytes(env.getCipher().toByteArray());
            default -> {
                // no payload
            }
        }
        for (String relay : env.getRelaysList()) {
            text(out, relay);
        }
        return out.toByteArray();
    }

    /** MD5 of the challenge: the 16 bytes that are actually signed. */
    public static byte[] digest(Envelope env) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes(env));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static void address(ByteArrayOutputStream out, Address address) {
        text(out, Integer.toUnsignedString(address.getTwin()));
        if (address.hasConnection()) {
            text(out, address.getConnection());
        }
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
