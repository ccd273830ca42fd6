package dev.zos.grid.registry;

import dev.zos.core.registry.client.Paging;

import java.util.Set;

/** What {@link Registry#farms} returns, after grid-proxy's {@code /farms}; nulls and empty sets mean "any". */
public record FarmFilter(Set<Long> farmIds, Long twinId, String name, String nameContains, Long freeIps,
                         Long pricingPolicyId, Paging paging) {
    public static final FarmFilter ALL = new FarmFilter(null, null, null, null, null, null, null);

    public FarmFilter {
        farmIds = farmIds == null ? Set.of() : Set.copyOf(farmIds);
        paging = paging == null ? Paging.DEFAULT : paging;
    }

    public FarmFilter withTwin(long twin) {
        return new FarmFilter(farmIds, twin, name, nameContains, freeIps, pricingPolicyId, paging);
    }

    public FarmFilter withName(String exact) {
        return new FarmFilter(farmIds, twinId, exact, nameContains, freeIps, pricingPolicyId, paging);
    }

    public FarmFilter withFreeIps(long min) {
        return new FarmFilter(farmIds, twinId, name, nameContains, min, pricingPolicyId, paging);
    }

    public FarmFilter withPaging(int page, int size) {
        return new FarmFilter(farmIds, twinId, name, nameContains, freeIps, pricingPolicyId, new Paging(page, size));
    }
}
