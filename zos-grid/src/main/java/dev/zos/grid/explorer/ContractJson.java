package dev.zos.grid.explorer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.registry.model.Contract;
import dev.zos.core.registry.model.ContractState;
import dev.zos.core.registry.model.NameContract;
import dev.zos.core.registry.model.NodeContract;

/**
 * A contract as grid-proxy's {@code /contracts} shows it: state {@code Created}, {@code GracePeriod} or
 * {@code Deleted}; type {@code node} or {@code name}; {@code details} by type; times in unix seconds.
 */
public record ContractJson(
        @JsonProperty("contract_id") long contractId,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("state") String state,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("type") String type,
        @JsonProperty("details") Object details) {

    /** A node contract's details; {@code farm_id}/{@code farm_name} are the node's farm. */
    public record NodeDetails(
            @JsonProperty("nodeId") long nodeId,
            @JsonProperty("deployment_hash") String deploymentHash,
            @JsonProperty("number_of_public_ips") int publicIps,
            @JsonProperty("farm_id") long farmId,
            @JsonProperty("farm_name") String farmName) {
    }

    public record NameDetails(@JsonProperty("name") String name) {
    }

    /** The node's farm id and name, as the explorer resolves them. */
    record FarmRef(long id, String name) {
        static final FarmRef NONE = new FarmRef(0, "");
    }

    static ContractJson of(Contract c, FarmRef farm) {
        return switch (c) {
            case NodeContract n -> new ContractJson(n.id(), n.twinId(), state(n.state()), n.created(), n.type(),
                    new NodeDetails(n.nodeId(), n.deploymentHash(), n.publicIps(), farm.id(), farm.name()));
            case NameContract n -> new ContractJson(n.id(), n.twinId(), state(n.state()), n.created(), n.type(),
                    new NameDetails(n.name()));
        };
    }

    /** grid-proxy's state names. */
    static String state(ContractState s) {
        return switch (s) {
            case CREATED -> "Created";
            case GRACE -> "GracePeriod";
            case DELETED -> "Deleted";
        };
    }

    /** Parses a state filter word (lower case): ours (created, grace, deleted) or grid-proxy's (graceperiod). */
    static ContractState parseState(String word) {
        return switch (word) {
            case "created" -> ContractState.CREATED;
            case "grace", "graceperiod" -> ContractState.GRACE;
            case "deleted" -> ContractState.DELETED;
            default -> null;
        };
    }
}
