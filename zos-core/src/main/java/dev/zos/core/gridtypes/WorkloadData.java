package dev.zos.core.gridtypes;

/**
 * The type-specific part of a workload (its {@code data}). Each implementation is one workload
 * type: it has a {@code TYPE} constant, writes its own part of the challenge, knows what capacity
 * it consumes and checks its own rules.
 */
public interface WorkloadData {

    /** The workload type this data belongs to, e.g. {@code zmachine}. */
    String type();

    /** Appends this data's part of the challenge, in the order zos writes it. */
    void challenge(Challenge challenge);

    Capacity capacity();

    /**
     * Throws {@link dev.zos.core.ZosException} (kind INVALID) naming the field under {@code data}
     * for the first broken rule. {@code deployment} resolves references to other workloads.
     */
    void validate(FieldPath data, Deployment deployment);
}
