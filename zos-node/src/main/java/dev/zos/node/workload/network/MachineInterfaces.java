package dev.zos.node.workload.network;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.node.provision.WorkloadContext;
import java.util.List;
import java.util.Optional;

/**
 * A zmachine's private interface: a veth pair from its network namespace to its network's bridge, {@code eth0}
 * inside with the interface's address and a default route via the network's gateway.
 */
public final class MachineInterfaces {

    /** What {@link #attach} will set up, checked before the machine is built. */
    public record Plan(String network, String hostVeth, String bridge, String address, int prefix, String gateway) {
    }

    private final Links links;

    public MachineInterfaces(Links links) {
        this.links = links;
    }

    /**
     * Checks the machine's interface against its network: the network (by name, of the same twin, in any
     * deployment) is provisioned on this node, and the address is a host address of its subnet other than the
     * gateway. Empty when the machine has no interface (loopback only).
     */
    public Optional<Plan> plan(WorkloadContext context) {
        if (!(context.workload().data() instanceof ZMachine vm)) {
            return Optional.empty();
        }
        List<MachineInterface> interfaces = vm.network().interfaces();
        String at = "zmachine " + context.workload().name() + ": data.network.interfaces";
        if (interfaces.isEmpty()) {
            return Optional.empty();
        }
        if (interfaces.size() > 1) {
            throw ZosException.invalid(at + ": exactly one private network interface is supported, got "
                    + interfaces.size());
        }
        MachineInterface inf = interfaces.getFirst();
        NetworkResource net = NetworkResources.find(context.node(), context.twinId(), inf.network())
                .orElseThrow(() -> ZosException.invalid(at + "[0].network: network '" + inf.network()
                        + "' of twin " + context.twinId() + " is not provisioned on this node; deploy it first"));
        if (net.deleted() && !links.exists(LinkNames.hostVeth(context.workloadId()))) {
            throw ZosException.invalid(at + "[0].network: network '" + inf.network() + "' was deleted (workload "
                    + net.workloadId() + ") and takes no new machines");
        }
        Ipv4Subnet subnet = net.parsedSubnet();
        int ip;
        try {
            ip = Ipv4Subnet.address(inf.ip().text());
        } catch (ZosException e) {
            throw ZosException.invalid(at + "[0].ip: " + e.getMessage());
        }
        String text = Ipv4Subnet.format(ip);
        if (!subnet.contains(ip)) {
            throw ZosException.invalid(at + "[0].ip: " + text + " is not inside subnet " + subnet + " of network "
                    + inf.network());
        }
        if (ip == subnet.gateway()) {
            throw ZosException.invalid(at + "[0].ip: " + text + " is the gateway of network " + inf.network()
                    + "; use another address of " + subnet);
        }
        if (!subnet.hostAddress(ip)) {
            throw ZosException.invalid(at + "[0].ip: " + text + " is the network or broadcast address of " + subnet);
        }
        Optional<String> holder = AddressClaims.holder(context.node(), context.twinId(), inf.network(), text);
        if (holder.isPresent() && !holder.get().equals(context.workloadId())) {
            throw new ZosException(ZosException.Kind.CONFLICT, at + "[0].ip: " + text + " of network "
                    + inf.network() + " is already used by zmachine " + holder.get());
        }
        return Optional.of(new Plan(inf.network(), LinkNames.hostVeth(context.workloadId()), net.bridge(), text,
                subnet.prefix(), net.gateway()));
    }

    /** Plugs the machine's namespace {@code netns} into its network, replacing a pair left from before. */
    public void attach(WorkloadContext context, Plan plan, String netns) {
        if (!links.exists(plan.bridge())) {
            throw ZosException.unavailable("the bridge " + plan.bridge() + " of the machine's network is missing;"
                    + " provision the network again", null);
        }
        AddressClaims.claim(context.node(), context.twinId(), plan.network(), plan.address(), context.workloadId());
        links.attach(plan.hostVeth(), plan.bridge(), netns, plan.address(), plan.prefix(), plan.gateway());
    }

    /**
     * Removes the machine's veth pair (nothing to do when it is gone); the last machine on a network whose workload
     * was deleted meanwhile removes its bridge too.
     */
    public void detach(WorkloadContext context) {
        links.delete(LinkNames.hostVeth(context.workloadId()));
        if (!(context.workload().data() instanceof ZMachine vm) || vm.network().interfaces().size() != 1) {
            return;
        }
        String name = vm.network().interfaces().getFirst().network();
        AddressClaims.release(context.node(), context.twinId(), name, context.workloadId());
        Optional<NetworkResource> net = NetworkResources.find(context.node(), context.twinId(), name);
        if (net.isPresent() && net.get().deleted()
                && (!links.exists(net.get().bridge()) || links.ports(net.get().bridge()).isEmpty())) {
            links.delete(net.get().bridge());
            AddressClaims.forget(context.node(), context.twinId(), name);
            NetworkResources.remove(context.node(), context.twinId(), name);
        }
    }
}
