package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * A signed set of workloads for one node, compatible with ThreeFold's {@code gridtypes.Deployment}.
 * Immutable: signing and edits return copies. {@link #challengeHashHex()} is what the contract stores
 * and what signatures cover.
 */
@JsonPropertyOrder({"version", "twin_id", "contract_id", "metadata", "description", "expiration",
        "signature_requirement", "workloads"})
public record Deployment(
        @JsonProperty("version") long version,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("contract_id") long contractId,
        @JsonProperty("metadata") String metadata,
        @JsonProperty("description") String description,
        @JsonProperty("expiration") @JsonDeserialize(using = TimestampDeserializer.class) long expiration,
        @JsonProperty("signature_requirement") SignatureRequirement signatureRequirement,
        @JsonProperty("workloads") List<Workload> workloads) {

    public Deployment {
        metadata = Defaults.text(metadata);
        description = Defaults.text(description);
        signatureRequirement = signatureRequirement == null
                ? new SignatureRequirement(null, 0, null, null) : signatureRequirement;
        workloads = Defaults.list(workloads);
    }

    /** Version 0, owner-only signature requirement, no contract yet. */
    public static Deployment create(long twinId, List<Workload> workloads) {
        return new Deployment(0, twinId, 0, "", "", 0, SignatureRequirement.owner(twinId), workloads);
    }

    public Deployment withContractId(long id) {
        return new Deployment(version, twinId, id, metadata, description, expiration, signatureRequirement, workloads);
    }

    public Deployment withSignatureRequirement(SignatureRequirement requirement) {
        return new Deployment(version, twinId, contractId, metadata, description, expiration, requirement, workloads);
    }

    public Deployment withWorkloads(List<Workload> list) {
        return new Deployment(version, twinId, contractId, metadata, description, expiration, signatureRequirement, list);
    }

    public Deployment withMetadata(String text) {
        return new Deployment(version, twinId, contractId, text, description, expiration, signatureRequirement, workloads);
    }

    public Deployment withDescription(String text) {
        return new Deployment(version, twinId, contractId, metadata, text, expiration, signatureRequirement, workloads);
    }

    public Optional<Workload> workload(String name) {
        return workloads.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * The challenge, as zos writes it: version, twin_id, metadata, description, expiration, every
     * workload, then the signature requirement. Not contract_id (the contract is created from this
     * hash first) and not the signatures.
     */
    public Challenge challenge() {
        var c = new Challenge();
        c.mark("deployment").d(version).d(twinId).s(metadata).s(description).d(expiration);
        for (int i = 0; i < workloads.size(); i++) {
            c.mark("workloads[" + i + "] " + workloads.get(i).name());
            workloads.get(i).challenge(c);
        }
        c.mark("signature_requirement");
        signatureRequirement.challenge(c);
        return c;
    }

    /** The raw 16-byte MD5 that signatures are made over. */
    public byte[] challengeHash() {
        return challenge().md5();
    }

    /** Lowercase hex of {@link #challengeHash()}; the contract's deployment hash. */
    public String challengeHashHex() {
        return challenge().md5Hex();
    }

    /** Summed capacity of all workloads. */
    public Capacity capacity() {
        return workloads.stream().map(Workload::capacity).reduce(Capacity.ZERO, Capacity::plus);
    }

    /** Throws {@link dev.zos.core.ZosException} (INVALID) naming the field of the first broken rule. */
    public Deployment validate() {
        DeploymentRules.check(this);
        return this;
    }
}
