package dev.zos.farmer.power;

import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.util.ArrayList;
import java.util.List;

/** Every node of one farm, page by page, in node id order. */
public final class FarmNodes {
    private FarmNodes() {
    }

    public static List<GridNode> of(GridSession session, long farmId) {
        List<GridNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            var result = session.client().nodes(NodeQuery.builder().farmIds(List.of(farmId))
                    .paging(new Paging(page, Paging.MAX_SIZE)).build());
            all.addAll(result.items());
            if (result.items().size() < Paging.MAX_SIZE) {
                return all;
            }
        }
    }
}
