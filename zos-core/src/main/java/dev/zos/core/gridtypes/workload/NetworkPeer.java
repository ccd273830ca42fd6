package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.IpNet;
import java.util.List;

/**
 * Another wireguard peer of a network. Note the challenge order differs from the JSON order:
 * public key, endpoint, subnet, then each allowed ip.
 */
@JsonPropertyOrder({"subnet", "wireguard_public_key", "allowed_ips", "endpoint"})
public record NetworkPeer(
        @JsonProperty("subnet") IpNet subnet,
        @JsonProperty("wireguard_public_key") String wireguardPublicKey,
        @JsonProperty("allowed_ips") List<IpNet> allowedIps,
        @JsonProperty("endpoint") String endpoint) {

    public NetworkPeer {
        subnet = subnet == null ? IpNet.NONE : subnet;
        wireguardPublicKey = Defaults.text(wireguardPublicKey);
        allowedIps = Defaults.list(allowedIps);
        endpoint = Defaults.text(endpoint);
    }

    void challenge(Challenge c) {
        c.s(wireguardPublicKey).s(endpoint).s(subnet.challengeText());
        allowedIps.forEach(ip -> c.s(ip.challengeText()));
    }

    void validate(FieldPath at) {
        at.field("subnet").require(!subnet.empty(), "cannot be empty");
        at.field("allowed_ips").require(!allowedIps.isEmpty(), "cannot be empty");
        at.field("wireguard_public_key").require(!wireguardPublicKey.isEmpty(), "cannot be empty");
    }
}
