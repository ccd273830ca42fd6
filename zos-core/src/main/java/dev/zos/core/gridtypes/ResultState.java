package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.zos.core.ZosException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A workload's state as the node reports it; {@link #NONE} is the empty state of a workload not yet deployed. */
public enum ResultState {
    NONE(""), INIT("init"), UNCHANGED("unchanged"), ERROR("error"), OK("ok"), DELETED("deleted"), PAUSED("paused");

    private final String wire;

    ResultState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ResultState of(String wire) {
        String w = wire == null ? "" : wire;
        return Arrays.stream(values()).filter(s -> s.wire.equals(w)).findFirst()
                .orElseThrow(() -> ZosException.invalid("unknown state '" + w + "'; known: "
                        + Arrays.stream(values()).skip(1).map(ResultState::wire).collect(Collectors.joining(", "))));
    }

    /** zos treats ok and paused as healthy. */
    public boolean okay() {
        return this == OK || this == PAUSED;
    }
}
