package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.SizeDeserializer;
import dev.zos.core.gridtypes.WorkloadData;
import java.util.List;

/** A 0-db namespace on HDD. Challenge: size, mode, password, public. */
@JsonPropertyOrder({"size", "mode", "password", "public"})
public record Zdb(
        @JsonProperty("size") @JsonDeserialize(using = SizeDeserializer.class) long size,
        @JsonProperty("mode") String mode,
        @JsonProperty("password") String password,
        @JsonProperty("public") boolean isPublic) implements WorkloadData {
    public static final String TYPE = "zdb";
    public static final List<String> MODES = List.of("user", "seq");

    public Zdb {
        mode = Defaults.text(mode);
        password = Defaults.text(password);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.d(size).s(mode).s(password).t(isPublic);
    }

    @Override
    public Capacity capacity() {
        return Capacity.hru(size);
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.field("size").require(size > 0, "must be greater than 0, got " + size);
        data.field("mode").require(MODES.contains(mode), "unknown mode '" + mode + "'; known: user, seq");
    }
}
