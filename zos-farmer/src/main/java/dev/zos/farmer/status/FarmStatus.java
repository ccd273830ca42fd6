package dev.zos.farmer.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.time.Instant;
import java.util.List;

/** The farmer's view of their farms at one moment: every node with its state, load and deployments. */
public record FarmStatus(@JsonProperty("farms") List<Long> farms, @JsonIgnore Instant at,
                         @JsonProperty("nodes") List<Row> nodes) {

    /** One node: the explorer's fields plus its active contracts (deployments). */
    public record Row(@JsonProperty("node") GridNode node, @JsonProperty("deployments") long deployments) {
    }

    public static FarmStatus read(GridClient client, List<Long> farms, Instant now) {
        List<GridNode> nodes = farms.isEmpty() ? List.of()
                : client.nodes(NodeQuery.builder().farmIds(farms).paging(new Paging(1, Paging.MAX_SIZE)).build()).items();
        List<Row> rows = nodes.stream().map(n -> new Row(n,
                client.contracts(new ContractQuery(null, n.nodeId(), "node", "created", new Paging(1, 1))).total())).toList();
        return new FarmStatus(List.copyOf(farms), now, rows);
    }

    /** When the registry was read, ISO-8601 UTC. */
    @JsonProperty("at")
    public String timestamp() {
        return at.toString();
    }

    public long count(String status) {
        return nodes.stream().filter(r -> r.node().status().equals(status)).count();
    }
}
