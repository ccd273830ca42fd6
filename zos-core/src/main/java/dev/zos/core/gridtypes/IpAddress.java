package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An IP address field (Go {@code net.IP}). Kept in Go's canonical text, which is what the challenge
 * hashes; the empty address is allowed on the wire and hashes as {@code <nil>}, as Go prints a nil IP.
 */
public record IpAddress(String text) {
    public static final IpAddress NONE = new IpAddress("");

    public IpAddress {
        text = text == null || text.isEmpty() ? "" : IpText.format(IpText.parse(text));
    }

    @JsonCreator
    public static IpAddress parse(String text) {
        return new IpAddress(text);
    }

    public boolean empty() {
        return text.isEmpty();
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }

    public String challengeText() {
        return text.isEmpty() ? "<nil>" : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
