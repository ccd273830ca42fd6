package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.SizeDeserializer;
import dev.zos.core.gridtypes.WorkloadData;

/** A disk for a zmachine, on SSD. Challenge: size. */
public record ZMount(@JsonProperty("size") @JsonDeserialize(using = SizeDeserializer.class) long size)
        implements WorkloadData {
    public static final String TYPE = "zmount";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.d(size);
    }

    @Override
    public Capacity capacity() {
        return Capacity.sru(size);
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.field("size").require(size > 0, "must be greater than 0, got " + size);
    }
}
