package dev.zos.core.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.zos.core.ZosException;

/** What an identity's secret was given as; both end up as the same 32-byte ed25519 seed. */
public enum SourceKind {
    MNEMONIC("mnemonic"),
    SEED("seed");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public static SourceKind fromLabel(String label) {
        for (SourceKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw ZosException.invalid("source \"" + label + "\" is unknown; use mnemonic or seed");
    }
}
