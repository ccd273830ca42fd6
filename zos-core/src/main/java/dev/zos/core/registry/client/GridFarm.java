package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A farm as the explorer shows it. */
public record GridFarm(
        @JsonProperty("farm_id") long farmId,
        @JsonProperty("name") String name,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("pricing_policy_id") long pricingPolicyId,
        @JsonProperty("public_ips") List<PublicIp> publicIps) {

    public GridFarm {
        publicIps = publicIps == null ? List.of() : List.copyOf(publicIps);
    }

    /** A public IPv4 in CIDR form, its gateway, and the contract using it (0 when free). */
    public record PublicIp(
            @JsonProperty("ip") String ip,
            @JsonProperty("gateway") String gateway,
            @JsonProperty("contract_id") long contractId) {
    }

    public long freeIps() {
        return publicIps.stream().filter(ip -> ip.contractId() == 0).count();
    }
}
