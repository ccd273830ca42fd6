package dev.zos.core.registry.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Query strings for the explorer. */
final class QueryParams {
    private QueryParams() {
    }

    static void paging(Map<String, String> params, Paging paging) {
        params.put("page", Integer.toString(paging.page()));
        params.put("size", Integer.toString(paging.size()));
        params.put("ret_count", "true");
    }

    static String encode(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}
