package dev.zos.core.registry.model;

/** A farm's public IPv4: address in CIDR form, its gateway, and the node contract using it (0 when free). */
public record PublicIp(String ip, String gateway, long contractId) {
    public PublicIp {
        Ipv4.cidr(ip, "public ip");
        Ipv4.address(gateway, "gateway");
        Checks.notNegative(contractId, "public ip contract_id");
    }

    public boolean free() {
        return contractId == 0;
    }

    public PublicIp withContract(long id) {
        return new PublicIp(ip, gateway, id);
    }
}
