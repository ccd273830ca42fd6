package dev.zos.grid.explorer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.PublicIp;
import java.util.List;

/**
 * A farm as {@code /farms} shows it, with grid-proxy's names (spelling {@code pricing_policy_id} correctly,
 * where grid-proxy writes {@code pricing_policty_id}).
 */
public record FarmJson(
        @JsonProperty("farm_id") long farmId,
        @JsonProperty("name") String name,
        @JsonProperty("twin_id") long twinId,
        @JsonProperty("pricing_policy_id") long pricingPolicyId,
        @JsonProperty("public_ips") List<PublicIpJson> publicIps) {

    /** A public IPv4 in CIDR form, its gateway, and the contract using it (0 when free). */
    public record PublicIpJson(String ip, String gateway, @JsonProperty("contract_id") long contractId) {
        static PublicIpJson of(PublicIp ip) {
            return new PublicIpJson(ip.ip(), ip.gateway(), ip.contractId());
        }
    }

    static FarmJson of(Farm f) {
        return new FarmJson(f.id(), f.name(), f.twinId(), f.pricingPolicyId(),
                f.publicIps().stream().map(PublicIpJson::of).toList());
    }
}
