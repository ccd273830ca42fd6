package dev.zos.core.registry.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.zos.core.ZosException;

import java.util.Locale;

/** tfchain's contract states: created, grace (out of funds, kept for a while), deleted (cancelled). */
public enum ContractState {
    CREATED, GRACE, DELETED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ContractState of(String wire) {
        for (var s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw ZosException.invalid("contract state must be created, grace or deleted, got " + wire);
    }

    public boolean active() {
        return this != DELETED;
    }
}
