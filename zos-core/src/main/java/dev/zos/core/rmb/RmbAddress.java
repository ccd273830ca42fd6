package dev.zos.core.rmb;

import dev.zos.core.ZosException;
import dev.zos.core.rmb.proto.Address;
import java.util.Optional;

/**
 * Where an envelope comes from or goes to: a twin and, optionally, one of its connections (session).
 * Text form {@code "twin"} or {@code "twin:connection"}.
 *
 * @param twin       twin id, an unsigned 32-bit number on the wire
 * @param connection the session id, or null for the twin's default session
 */
public record RmbAddress(long twin, String connection) {
    public static final long MAX_TWIN = 0xFFFF_FFFFL;

    public RmbAddress {
        if (twin < 0 || twin > MAX_TWIN) {
            throw ZosException.invalid("address twin must be 0.." + MAX_TWIN + ", got " + twin);
        }
    }

    public static RmbAddress of(long twin) {
        return new RmbAddress(twin, null);
    }

    public Optional<String> session() {
        return Optional.ofNullable(connection);
    }

    public static RmbAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw ZosException.invalid("address must be 'twin' or 'twin:connection', got nothing");
        }
        int colon = text.indexOf(':');
        String twinText = colon < 0 ? text : text.substring(0, colon);
        try {
            long twin = Long.parseLong(twinText);
            return new RmbAddress(twin, colon < 0 ? null : text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ZosException.invalid("address twin must be a number, got '" + twinText + "'");
        }
    }

    public static RmbAddress fromProto(Address address) {
        return new RmbAddress(Integer.toUnsignedLong(address.getTwin()),
                address.hasConnection() ? address.getConnection() : null);
    }

    public Address toProto() {
        var builder = Address.newBuilder().setTwin((int) twin);
        if (connection != null) {
            builder.setConnection(connection);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return connection == null ? Long.toString(twin) : twin + ":" + connection;
    }
}
