package dev.zos.grid.registry;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.Paging;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link Registry#nodes} returns, shaped after grid-proxy's {@code /nodes} parameters. Free
 * resources are bytes; {@code freeIps} is the minimum of free public ips in the node's farm; empty sets
 * and nulls mean "any".
 */
public record NodeFilter(Set<Long> farmIds, Set<NodeStatus> status, Long freeMru, Long freeSru, Long freeHru,
                         Long freeIps, String country, Long twinId, Sort sortBy, boolean descending, Paging paging) {
    /** Sort keys, with their grid-proxy names. */
    public enum Sort {
        NODE_ID("node_id"), FARM_ID("farm_id"), TWIN_ID("twin_id"), FREE_MRU("free_mru"), FREE_SRU("free_sru"),
        FREE_HRU("free_hru"), TOTAL_CRU("total_cru"), UPTIME("uptime"), UPDATED_AT("updated_at");

        private final String wire;

        Sort(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Sort of(String wire) {
            for (var s : values()) {
                if (s.wire.equals(wire.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw ZosException.invalid("unknown sort_by '" + wire + "'; valid: "
                    + Arrays.stream(values()).map(Sort::wire).collect(Collectors.joining(", ")));
        }
    }

    public NodeFilter {
        farmIds = farmIds == null ? Set.of() : Set.copyOf(farmIds);
        status = status == null ? Set.of() : Set.copyOf(status);
        sortBy = sortBy == null ? Sort.NODE_ID : sortBy;
        paging = paging == null ? Paging.DEFAULT : paging;
    }

    public static final NodeFilter ALL = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        var b = new Builder();
        b.farmIds = farmIds;
        b.status = status;
        b.freeMru = freeMru;
        b.freeSru = freeSru;
        b.freeHru = freeHru;
        b.freeIps = freeIps;
        b.country = country;
        b.twinId = twinId;
        b.sortBy = sortBy;
        b.descending = descending;
        b.paging = paging;
        return b;
    }

    public static final class Builder {
        private Set<Long> farmIds;
        private Set<NodeStatus> status;
        private Long freeMru;
        private Long freeSru;
        private Long freeHru;
        private Long freeIps;
        private String country;
        private Long twinId;
        private Sort sortBy;
        private boolean descending;
        private Paging paging;

        public Builder farmIds(Long... ids) {
            this.farmIds = Set.of(ids);
            return this;
        }

        public Builder farmIds(Set<Long> ids) {
            this.farmIds = ids;
            return this;
        }

        public Builder status(NodeStatus... s) {
            this.status = Set.of(s);
            return this;
        }

        public Builder freeMru(long bytes) {
            this.freeMru = bytes;
            return this;
        }

        public Builder freeSru(long bytes) {
            this.freeSru = bytes;
            return this;
        }

        public Builder freeHru(long bytes) {
            this.freeHru = bytes;
            return this;
        }

        public Builder freeIps(long count) {
            this.freeIps = count;
            return this;
        }

        public Builder country(String c) {
            this.country = c;
            return this;
        }

        public Builder twinId(long id) {
            this.twinId = id;
            return this;
        }

        public Builder sortBy(Sort s, boolean desc) {
            this.sortBy = s;
            this.descending = desc;
            return this;
        }

        public Builder page(int page, int size) {
            this.paging = new Paging(page, size);
            return this;
        }

        public NodeFilter build() {
            return new NodeFilter(farmIds, status, freeMru, freeSru, freeHru, freeIps, country, twinId, sortBy,
                    descending, paging);
        }
    }
}
