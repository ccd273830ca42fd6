package dev.zos.node.workload.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.NetworkPeer;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.provision.WorkloadDriver;
import java.util.List;
import java.util.Optional;

/**
 * {@code network}: this node's local part of a user's private network. Per (twin, network name) one Linux bridge
 * ({@link LinkNames#bridge}) holding the subnet's first host address as the machines' gateway; zmachines join it
 * with a veth each ({@link MachineInterfaces}). Machines on the node reach each other and the gateway; nothing is
 * routed beyond the bridge (forwarding off, no NAT).
 *
 * <p>Not done: the WireGuard interface, its listen port and peers, and mycelium. Provision still succeeds for the
 * local part (a zmachine must have a private network interface, and ThreeFold's clients always send keys and
 * peers) and the result's {@code not_connected} lists, in words, every part that is not there.
 *
 * <p>Deprovision removes the bridge only when no machine is attached: within a deployment the engine tears
 * zmachines down before networks. A machine of another deployment still attached makes it fail with CONFLICT; the
 * network is then marked deleted, keeps working for the machines on it, takes no new ones, and the last machine
 * to detach removes it ({@link MachineInterfaces#detach}).
 */
public final class NetworkDriver implements WorkloadDriver {
    public static final String TYPE = Network.TYPE;

    private final Links links;

    public NetworkDriver(Links links) {
        this.links = links;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode provision(WorkloadContext context) {
        Network net = network(context);
        String name = context.workload().name();
        String at = "network " + name + ": data.";
        Ipv4Subnet range = parse(net.ipRange().text(), at + "ip_range");
        Ipv4Subnet subnet = parse(net.subnet().text(), at + "subnet");
        if (!range.contains(subnet)) {
            throw ZosException.invalid(at + "subnet: " + subnet + " is not inside ip_range " + range);
        }
        if (subnet.prefix() > 30) {
            throw ZosException.invalid(at + "subnet: /" + subnet.prefix()
                    + " leaves no address for a machine besides the gateway (at most /30)");
        }
        String id = context.workloadId();
        String bridge = LinkNames.bridge(id);
        Optional<NetworkResource> known = NetworkResources.find(context.node(), context.twinId(), name);
        if (known.isPresent() && !known.get().workloadId().equals(id)) {
            throw new ZosException(ZosException.Kind.CONFLICT, "network " + name + ": twin " + context.twinId()
                    + " already has a network named '" + name + "' on this node (workload " + known.get().workloadId()
                    + (known.get().deleted() ? ", deleted but still used by zmachines" : "")
                    + "); zmachines find networks by name, so the name must be unique per twin");
        }
        if (known.isPresent() && !known.get().subnet().equals(subnet.toString()) && links.exists(bridge)) {
            List<String> ports = links.ports(bridge);
            if (!ports.isEmpty()) {
                throw new ZosException(ZosException.Kind.CONFLICT, "network " + name
                        + ": cannot change the subnet from " + known.get().subnet() + " to " + subnet + " while "
                        + ports.size() + " zmachine(s) are attached; delete them first");
            }
        }
        String gateway = Ipv4Subnet.format(subnet.gateway());
        var resource = new NetworkResource(id, bridge, subnet.toString(), gateway, false);
        // recorded first so that a crash half-way leaves a state that deprovision knows how to remove
        NetworkResources.save(context.node(), context.twinId(), name, resource);
        links.ensureBridge(bridge, gateway, subnet.prefix());
        return result(resource, net);
    }

    private static Ipv4Subnet parse(String cidr, String field) {
        if (cidr.isEmpty()) {
            throw ZosException.invalid(field + ": cannot be empty");
        }
        try {
            return Ipv4Subnet.parse(cidr);
        } catch (ZosException e) {
            throw ZosException.invalid(field + ": " + e.getMessage());
        }
    }

    private static Network network(WorkloadContext context) {
        if (!(context.workload().data() instanceof Network net)) {
            throw ZosException.invalid("workload " + context.workload().name() + " is a " + context.workload().type()
                    + ", not a network");
        }
        return net;
    }

    /** Keys, peers and the listen port change nothing here; only a new subnet needs the bridge redone. */
    @Override
    public boolean updatableInPlace(WorkloadContext previous, WorkloadContext next) {
        return previous.workload().data() instanceof Network a && next.workload().data() instanceof Network b
                && a.subnet().equals(b.subnet()) && a.ipRange().equals(b.ipRange());
    }

    @Override
    public void deprovision(WorkloadContext context) {
        String name = context.workload().name();
        String id = context.workloadId();
        String bridge = LinkNames.bridge(id);
        Optional<NetworkResource> known = NetworkResources.find(context.node(), context.twinId(), name)
                .filter(r -> r.workloadId().equals(id));
        if (links.exists(bridge)) {
            List<String> ports = links.ports(bridge);
            if (!ports.isEmpty()) {
                known.ifPresent(r -> NetworkResources.save(context.node(), context.twinId(), name, r.markDeleted()));
                throw new ZosException(ZosException.Kind.CONFLICT, "network " + name + ": " + ports.size()
                        + " zmachine(s) still attached (" + String.join(", ", ports) + "); the bridge is removed"
                        + " when the last of them is deleted");
            }
            links.delete(bridge);
        }
        if (known.isPresent()) {
            AddressClaims.forget(context.node(), context.twinId(), name);
            NetworkResources.remove(context.node(), context.twinId(), name);
        }
    }

    private static JsonNode result(NetworkResource resource, Network net) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("bridge", resource.bridge());
        r.put("subnet", resource.subnet());
        r.put("gateway", resource.gateway());
        var missing = r.putArray("not_connected");
        missing.add("wireguard: no WireGuard interface is created; listen port " + net.wireguardListenPort()
                + " is not open");
        if (!net.peers().isEmpty()) {
            missing.add("peers: " + net.peers().size() + " peer(s) not connected ("
                    + String.join(", ", net.peers().stream().map(NetworkPeer::subnet).map(Object::toString).toList())
                    + ")");
        }
        if (net.mycelium() != null) {
            missing.add("mycelium: not connected");
        }
        missing.add("egress: nothing is routed beyond the node (no NAT)");
        return r;
    }
}
