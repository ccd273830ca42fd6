package dev.zos.node.workload.network;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the network driver set up for one {@code network} workload, as recorded on disk so that zmachines of any
 * deployment of the same twin find it by name.
 *
 * @param workloadId the network workload that owns it ({@code <twin>-<contract>-<name>})
 * @param bridge     the Linux bridge (≤ 15 characters) the machines' veths join
 * @param subnet     this node's subnet of the network, e.g. {@code 10.20.3.0/24}
 * @param gateway    the subnet's first host address, set on the bridge
 * @param deleted    the network workload was deleted while machines of other deployments were still attached; the
 *                   last of them to go removes the bridge, and no machine may join it any more
 */
public record NetworkResource(@JsonProperty("workload_id") String workloadId,
                              @JsonProperty("bridge") String bridge,
                              @JsonProperty("subnet") String subnet,
                              @JsonProperty("gateway") String gateway,
                              @JsonProperty("deleted") boolean deleted) {

    public Ipv4Subnet parsedSubnet() {
        return Ipv4Subnet.parse(subnet);
    }

    public NetworkResource markDeleted() {
        return new NetworkResource(workloadId, bridge, subnet, gateway, true);
    }
}
