package dev.zos.core.gridtypes.workload;

import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.WorkloadData;

/** The deprecated {@code ipv4} type, kept so old deployments still parse and hash: no data, adds nothing to the challenge. */
public record PublicIpV4() implements WorkloadData {
    public static final String TYPE = "ipv4";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        // zos writes nothing for this type
    }

    @Override
    public Capacity capacity() {
        return Capacity.ipv4(1);
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        // no fields, no rules
    }
}
