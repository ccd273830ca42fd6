package dev.zos.farmer.farm;

import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.GridFarm;
import java.util.List;

/** How farms look in tables; JSON and YAML show the explorer's fields. */
final class FarmViews {
    private FarmViews() {
    }

    static Table one(GridFarm f, long nodes) {
        return Table.ofFields(List.of("farm", "name", "owner twin", "pricing policy", "public ips (free/total)", "nodes"),
                List.of(f.farmId(), f.name(), f.twinId(), f.pricingPolicyId(), f.freeIps() + "/" + f.publicIps().size(), nodes));
    }

    static Table many(List<GridFarm> farms) {
        return new Table(List.of("ID", "NAME", "TWIN", "PUBLIC IPS (FREE/TOTAL)"),
                farms.stream().map(f -> List.of(Long.toString(f.farmId()), f.name(), Long.toString(f.twinId()),
                        f.freeIps() + "/" + f.publicIps().size())).toList());
    }

    static Table ips(GridFarm f) {
        return new Table(List.of("IP", "GATEWAY", "CONTRACT"),
                f.publicIps().stream().map(ip -> List.of(ip.ip(), ip.gateway(),
                        ip.contractId() == 0 ? "free" : Long.toString(ip.contractId()))).toList());
    }
}
