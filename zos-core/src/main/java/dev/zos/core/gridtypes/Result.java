package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * What the node reports for a workload. Set by the node, never hashed; {@code data} is type-specific
 * and kept as raw JSON.
 */
public record Result(
        @JsonProperty("created") @JsonDeserialize(using = TimestampDeserializer.class) long created,
        @JsonProperty("state") ResultState state,
        @JsonProperty("message") String message,
        @JsonProperty("data") JsonNode data) {

    public static final Result EMPTY = new Result(0, ResultState.NONE, "", NullNode.getInstance());

    public Result {
        state = state == null ? ResultState.NONE : state;
        message = Defaults.text(message);
        data = data == null ? NullNode.getInstance() : data;
    }
}
