package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.WorkloadData;

/** Public addresses for one zmachine: an IPv4 from the contract and/or an IPv6. Challenge: v4, v6. */
public record PublicIp(@JsonProperty("v4") boolean v4, @JsonProperty("v6") boolean v6) implements WorkloadData {
    public static final String TYPE = "ip";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.t(v4).t(v6);
    }

    /** Only the IPv4 is a counted resource; IPv6 is free. */
    @Override
    public Capacity capacity() {
        return Capacity.ipv4(v4 ? 1 : 0);
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.require(v4 || v6, "a public ip workload must select v4, v6 or both");
    }
}
