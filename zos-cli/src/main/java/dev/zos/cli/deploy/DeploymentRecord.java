package dev.zos.cli.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What this machine remembers of one deployment it made: a name for people, where it lives and where it came from.
 *
 * @param file the file it was deployed from, or empty for quick forms
 */
public record DeploymentRecord(
        @JsonProperty("name") String name,
        @JsonProperty("grid") String grid,
        @JsonProperty("contract_id") long contractId,
        @JsonProperty("node_id") long nodeId,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("file") String file,
        @JsonProperty("created") long created) {

    public DeploymentRecord {
        file = file == null ? "" : file;
    }
}
