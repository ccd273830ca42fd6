package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.Human;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.util.Comparator;
import java.util.List;

/**
 * Picks a node of a farm for a deployment: an {@code up} node whose free memory, SSD, HDD and cores (and
 * its farm's free public IPs) hold the deployment, as the explorer reports them; among those, the one with
 * the most free memory, so deployments spread over a farm.
 */
public final class NodePicker {
    private final GridClient client;

    public NodePicker(GridClient client) {
        this.client = client;
    }

    public GridNode pick(long farmId, Capacity need) {
        client.farm(farmId); // NOT_FOUND "farm N does not exist" before anything else
        var query = NodeQuery.builder().farmIds(List.of(farmId)).statuses(List.of("up"))
                .freeMru(need.mru()).freeSru(need.sru()).freeHru(need.hru())
                .freeIps(need.ipv4u() > 0 ? need.ipv4u() : null)
                .paging(new Paging(1, 1000)).build();
        return client.nodes(query).items().stream()
                .filter(n -> n.totalResources().cru() - n.usedResources().cru() >= need.cru())
                .max(Comparator.comparingLong((GridNode n) -> n.freeResources().mru()).thenComparing(n -> -n.nodeId()))
                .orElseThrow(() -> ZosException.notFound("farm " + farmId + " has no up node with enough free capacity for "
                        + describe(need) + "; see 'zos nodes list --farm " + farmId + "'"));
    }

    static String describe(Capacity c) {
        return c.cru() + " cpu, " + Human.size(c.mru()) + " memory, " + Human.size(c.sru()) + " SSD, "
                + Human.size(c.hru()) + " HDD" + (c.ipv4u() > 0 ? ", " + c.ipv4u() + " public IPv4" : "");
    }
}
