package dev.zos.core.registry.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Filters of {@code /farms}: exact name, owner twin (null: any), and the page. */
public record FarmQuery(String name, Long twinId, Paging paging) {
    public static final FarmQuery ALL = new FarmQuery(null, null, Paging.DEFAULT);

    public FarmQuery {
        paging = paging == null ? Paging.DEFAULT : paging;
    }

    public static FarmQuery ofTwin(long twinId) {
        return new FarmQuery(null, twinId, new Paging(1, Paging.MAX_SIZE));
    }

    Map<String, String> params() {
        var p = new LinkedHashMap<String, String>();
        if (name != null) {
            p.put("name", name);
        }
        if (twinId != null) {
            p.put("twin_id", twinId.toString());
        }
        QueryParams.paging(p, paging);
        return p;
    }
}
