package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.zos.core.gridtypes.SizeDeserializer;

/** Cores (zos: uint8) and memory in bytes. Challenge: cpu, memory. */
public record ComputeCapacity(
        @JsonProperty("cpu") int cpu,
        @JsonProperty("memory") @JsonDeserialize(using = SizeDeserializer.class) long memory) {
}
