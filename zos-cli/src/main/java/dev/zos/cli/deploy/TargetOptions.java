package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.registry.client.GridClient;
import picocli.CommandLine.Option;

/** {@code --node N | --farm F}: where a deployment goes; with a farm, a node with enough free capacity is chosen. */
public final class TargetOptions {
    @Option(names = "--node", paramLabel = "NODE", description = "Deploy on this node.")
    Long node;

    @Option(names = "--farm", paramLabel = "FARM", description = "Deploy on an up node of this farm with enough free capacity.")
    Long farm;

    public boolean given() {
        return node != null || farm != null;
    }

    /** The node id; checks that the node exists. INVALID when neither or both options were given. */
    public long resolve(GridClient client, Capacity need) {
        if (node != null && farm != null) {
            throw ZosException.invalid("choose either --node or --farm, not both");
        }
        if (node != null) {
            client.node(node); // NOT_FOUND "node N does not exist"
            return node;
        }
        if (farm != null) {
            return new NodePicker(client).pick(farm, need).nodeId();
        }
        throw ZosException.invalid("where to deploy? pass --node NODE or --farm FARM");
    }
}
