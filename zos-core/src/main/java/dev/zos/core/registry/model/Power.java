package dev.zos.core.registry.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.zos.core.ZosException;

/** A node's power target (set by the farmer) or power state (reported by the node), as in tfchain. */
public enum Power {
    UP, DOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Power of(String wire) {
        if ("up".equals(wire)) {
            return UP;
        }
        if ("down".equals(wire)) {
            return DOWN;
        }
        throw ZosException.invalid("power must be up or down, got " + wire);
    }
}
