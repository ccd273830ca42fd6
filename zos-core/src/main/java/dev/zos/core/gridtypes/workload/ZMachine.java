package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.SizeDeserializer;
import dev.zos.core.gridtypes.WorkloadData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A virtual machine or container. Challenge: flist, network, size, cpu, memory, each mount's name
 * and mountpoint, entrypoint, env as {@code k=v} sorted by key, each gpu. {@code corex} is not hashed.
 */
@JsonPropertyOrder({"flist", "network", "size", "compute_capacity", "mounts", "entrypoint", "env", "corex", "gpu"})
public record ZMachine(
        @JsonProperty("flist") String flist,
        @JsonProperty("network") MachineNetwork network,
        @JsonProperty("size") @JsonDeserialize(using = SizeDeserializer.class) long size,
        @JsonProperty("compute_capacity") ComputeCapacity computeCapacity,
        @JsonProperty("mounts") List<MachineMount> mounts,
        @JsonProperty("entrypoint") String entrypoint,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("corex") boolean corex,
        @JsonProperty("gpu") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> gpu)
        implements WorkloadData {
    public static final String TYPE = "zmachine";
    public static final long MIN_MEMORY = 250 * ByteSize.MIB;
    /** zos stores cores in a uint8. */
    public static final int MAX_CPU = 255;
    public static final Set<String> RESERVED_NETWORKS = Set.of("ygg", "pub", "mycelium");

    public ZMachine {
        flist = Defaults.text(flist);
        network = network == null ? new MachineNetwork(null, false, null, null) : network;
        computeCapacity = computeCapacity == null ? new ComputeCapacity(0, 0) : computeCapacity;
        mounts = Defaults.list(mounts);
        entrypoint = Defaults.text(entrypoint);
        env = Defaults.map(env);
        gpu = Defaults.list(gpu);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** zos: 500 MiB, or 2 GiB once cpu x memory reaches 8 GiB (integer division, as in Go). */
    public long minRootSize() {
        long cu = computeCapacity.cpu() * computeCapacity.memory() / (8 * ByteSize.GIB);
        return cu == 0 ? 500 * ByteSize.MIB : 2 * ByteSize.GIB;
    }

    /** The disk actually reserved: the requested size, but never below the minimum. */
    public long rootSize() {
        return Math.max(size, minRootSize());
    }

    @Override
    public void challenge(Challenge c) {
        c.s(flist);
        network.challenge(c);
        c.d(size).d(computeCapacity.cpu()).d(computeCapacity.memory());
        mounts.forEach(m -> c.s(m.name()).s(m.mountpoint()));
        c.s(entrypoint);
        // Go's sort.Strings orders by bytes, which differs from Java's UTF-16 order outside the BMP
        env.keySet().stream()
                .sorted(Comparator.comparing(k -> k.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned))
                .forEach(k -> c.s(k).s("=").s(env.get(k)));
        gpu.forEach(c::s);
    }

    @Override
    public Capacity capacity() {
        return new Capacity(computeCapacity.cpu(), computeCapacity.memory(), rootSize(), 0, 0);
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.field("flist").require(!flist.isBlank(), "cannot be empty");
        FieldPath net = data.field("network");
        net.field("interfaces").require(network.interfaces().size() == 1,
                "exactly one private network interface is supported, got " + network.interfaces().size());
        for (int i = 0; i < network.interfaces().size(); i++) {
            MachineInterface inf = network.interfaces().get(i);
            FieldPath at = net.field("interfaces").index(i);
            at.field("network").require(!inf.network().isEmpty(), "cannot be empty");
            at.field("network").require(!RESERVED_NETWORKS.contains(inf.network()),
                    "'" + inf.network() + "' is a reserved network name");
            at.field("ip").require(!inf.ip().empty(), "cannot be empty");
        }
        FieldPath cap = data.field("compute_capacity");
        cap.field("cpu").require(computeCapacity.cpu() > 0 && computeCapacity.cpu() <= MAX_CPU,
                "must be between 1 and " + MAX_CPU + ", got " + computeCapacity.cpu());
        cap.field("memory").require(computeCapacity.memory() >= MIN_MEMORY,
                "must be at least 250 MiB (" + MIN_MEMORY + " bytes), got " + computeCapacity.memory());
        data.field("size").requireUnsigned(size);
        data.field("size").require(size == 0 || size >= minRootSize(), "must be 0 (for the minimum) or at least "
                + ByteSize.format(minRootSize()) + " (" + minRootSize() + " bytes) for this cpu and memory, got " + size);
        if (!network.publicIp().isEmpty()) {
            checkPublicIp(net.field("public_ip"), deployment);
        }
        if (network.mycelium() != null) {
            net.field("mycelium").field("hex_seed").require(network.mycelium().hexSeed().length() == MyceliumIp.SEED_LENGTH,
                    "must be " + MyceliumIp.SEED_LENGTH + " bytes (12 hex digits), got " + network.mycelium().hexSeed().length());
        }
    }

    private void checkPublicIp(FieldPath at, Deployment deployment) {
        String name = network.publicIp();
        var target = deployment.workload(name);
        at.require(target.isPresent(), "no workload named '" + name + "' in this deployment");
        at.require(target.get().type().equals(PublicIp.TYPE) || target.get().type().equals(PublicIpV4.TYPE),
                "workload '" + name + "' is not a public ip (type " + target.get().type() + ")");
        long users = deployment.workloads().stream()
                .filter(w -> w.data() instanceof ZMachine vm && vm.network().publicIp().equals(name)).count();
        at.require(users <= 1, "public ip '" + name + "' is assigned to " + users + " zmachines");
    }
}
