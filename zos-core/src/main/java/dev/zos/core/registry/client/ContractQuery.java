package dev.zos.core.registry.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Filters of {@code /contracts}: owner twin, node, type ({@code node}/{@code name}), state; null means any. */
public record ContractQuery(Long twinId, Long nodeId, String type, String state, Paging paging) {
    public ContractQuery {
        paging = paging == null ? Paging.DEFAULT : paging;
    }

    public static ContractQuery ofTwin(long twinId) {
        return new ContractQuery(twinId, null, null, null, Paging.DEFAULT);
    }

    Map<String, String> params() {
        var p = new LinkedHashMap<String, String>();
        if (twinId != null) {
            p.put("twin_id", twinId.toString());
        }
        if (nodeId != null) {
            p.put("node_id", nodeId.toString());
        }
        if (type != null) {
            p.put("type", type);
        }
        if (state != null) {
            p.put("state", state);
        }
        QueryParams.paging(p, paging);
        return p;
    }
}
