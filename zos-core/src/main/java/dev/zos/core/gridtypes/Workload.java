package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One named piece of a deployment. {@code data} is typed by {@code type}; JSON reading picks the
 * data class through the registry in {@code dev.zos.core.gridtypes.workload.WorkloadTypes}.
 */
@JsonPropertyOrder({"version", "name", "type", "data", "metadata", "description", "result"})
public record Workload(
        @JsonProperty("version") long version,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("data") WorkloadData data,
        @JsonProperty("metadata") String metadata,
        @JsonProperty("description") String description,
        @JsonProperty("result") Result result) {

    public Workload {
        name = Defaults.text(name);
        Objects.requireNonNull(data, "data");
        type = type == null || type.isEmpty() ? data.type() : type;
        metadata = Defaults.text(metadata);
        description = Defaults.text(description);
        result = result == null ? Result.EMPTY : result;
    }

    /** A new workload at version 0 with no metadata; the type comes from the data. */
    public static Workload of(String name, WorkloadData data) {
        return new Workload(0, name, data.type(), data, "", "", Result.EMPTY);
    }

    public Workload withVersion(long newVersion) {
        return new Workload(newVersion, name, type, data, metadata, description, result);
    }

    public Workload withDescription(String text) {
        return new Workload(version, name, type, data, metadata, text, result);
    }

    public Workload withMetadata(String text) {
        return new Workload(version, name, type, data, text, description, result);
    }

    public Workload withResult(Result newResult) {
        return new Workload(version, name, type, data, metadata, description, newResult);
    }

    /** {@code <twin>-<contract>-<name>}, the id the node files this workload under. */
    public String id(long twinId, long contractId) {
        return twinId + "-" + contractId + "-" + name;
    }

    public Capacity capacity() {
        return data.capacity();
    }

    /**
     * version, type, metadata, description, then the data's own part. The name is NOT hashed: ThreeFold's
     * Go node (pkg/gridtypes/workload.go) leaves it out, and nodes compare this hash with the contract's.
     */
    void challenge(Challenge c) {
        c.d(version).s(type).s(metadata).s(description);
        data.challenge(c);
    }
}
