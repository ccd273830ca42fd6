package dev.zos.node.registration;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Resources;
import java.util.List;

/** What the node tells the registry about itself; a change triggers {@code node.update}. */
public record NodeReport(@JsonProperty("resources") Resources resources,
                         @JsonProperty("interfaces") List<NodeInterface> interfaces,
                         @JsonProperty("serial") String serial,
                         @JsonProperty("virtualized") boolean virtualized) {
    public NodeReport {
        interfaces = List.copyOf(interfaces);
    }
}
