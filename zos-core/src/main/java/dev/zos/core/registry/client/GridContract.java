package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A contract as the explorer shows it: state {@code Created}, {@code GracePeriod} or {@code Deleted};
 * type {@code node} or {@code name}; {@code details} by type (node: nodeId, deployment_hash, ...; name: name).
 */
public record GridContract(
        @JsonProperty("contract_id") long contractId,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("state") String state,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("type") String type,
        @JsonProperty("details") Map<String, Object> details) {

    public GridContract {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
