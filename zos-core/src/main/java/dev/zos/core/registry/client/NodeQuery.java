package dev.zos.core.registry.client;

import dev.zos.core.ZosException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Filters of {@code /nodes}, as the explorer names them: farms, statuses ({@code up}, {@code standby},
 * {@code down}), at least this much free memory/SSD/HDD (bytes) and free public IPs, country, node twin,
 * sorting and the page. Build with {@link #builder()}; {@link #ALL} asks for the first page of everything.
 */
public record NodeQuery(List<Long> farmIds, List<String> statuses, Long freeMru, Long freeSru, Long freeHru,
                        Long freeIps, String country, Long twinId, String sortBy, boolean descending, Paging paging) {
    public static final Set<String> STATUSES = Set.of("up", "standby", "down");
    public static final NodeQuery ALL = builder().build();

    public NodeQuery {
        farmIds = List.copyOf(farmIds);
        statuses = List.copyOf(statuses);
        for (String s : statuses) {
            if (!STATUSES.contains(s)) {
                throw ZosException.invalid("node status must be up, standby or down, got '" + s + "'");
            }
        }
        for (Long v : new Long[] {freeMru, freeSru, freeHru, freeIps}) {
            if (v != null && v < 0) {
                throw ZosException.invalid("free capacity filters must not be negative, got " + v);
            }
        }
        paging = paging == null ? Paging.DEFAULT : paging;
    }

    public static Builder builder() {
        return new Builder();
    }

    Map<String, String> params() {
        var p = new LinkedHashMap<String, String>();
        if (!farmIds.isEmpty()) {
            p.put("farm_ids", farmIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (!statuses.isEmpty()) {
            p.put("status", String.join(",", statuses));
        }
        put(p, "free_mru", freeMru);
        put(p, "free_sru", freeSru);
        put(p, "free_hru", freeHru);
        put(p, "free_ips", freeIps);
        if (country != null) {
            p.put("country", country);
        }
        put(p, "twin_id", twinId);
        if (sortBy != null) {
            p.put("sort_by", sortBy);
            p.put("sort_order", descending ? "desc" : "asc");
        }
        QueryParams.paging(p, paging);
        return p;
    }

    private static void put(Map<String, String> p, String name, Long value) {
        if (value != null) {
            p.put(name, value.toString());
        }
    }

    /** Collects the filters; every one is optional. */
    public static final class Builder {
        private List<Long> farmIds = List.of();
        private List<String> statuses = List.of();
        private Long freeMru;
        private Long freeSru;
        private Long freeHru;
        private Long freeIps;
        private String country;
        private Long twinId;
        private String sortBy;
        private boolean descending;
        private Paging paging = Paging.DEFAULT;

        private Builder() {
        }

        public Builder farmIds(List<Long> ids) {
            this.farmIds = List.copyOf(ids);
            return this;
        }

        public Builder statuses(List<String> s) {
            this.statuses = List.copyOf(s);
            return this;
        }

        public Builder freeMru(Long bytes) {
            this.freeMru = bytes;
            return this;
        }

        public Builder freeSru(Long bytes) {
            this.freeSru = bytes;
            return this;
        }

        public Builder freeHru(Long bytes) {
            this.freeHru = bytes;
            return this;
        }

        public Builder freeIps(Long count) {
            this.freeIps = count;
            return this;
        }

        public Builder country(String c) {
            this.country = c;
            return this;
        }

        public Builder twinId(Long id) {
            this.twinId = id;
            return this;
        }

        public Builder sortBy(String field, boolean desc) {
            this.sortBy = field;
            this.descending = desc;
            return this;
        }

        public Builder paging(Paging p) {
            this.paging = p;
            return this;
        }

        public NodeQuery build() {
            return new NodeQuery(farmIds, statuses, freeMru, freeSru, freeHru, freeIps, country, twinId, sortBy,
                    descending, paging);
        }
    }
}
