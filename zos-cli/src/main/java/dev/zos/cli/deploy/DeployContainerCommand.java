package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.IpAddress;
import dev.zos.core.gridtypes.IpNet;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "container", mixinStandardHelpOptions = true,
        description = {"Deploy one container (a zmachine) from an flist without writing a file: a private network",
            "net_NAME (a /24 of 10.20.0.0/16 picked from NAME, the machine at .2), the machine named NAME and one",
            "disk per --disk."})
final class DeployContainerCommand extends BaseCommand {
    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Name of the machine and of the deployment (letters, digits, '_').")
    String name;

    @Option(names = "--flist", required = true, paramLabel = "URL", description = "The flist to boot, e.g. https://hub.grid.tf/tf-official-apps/base:latest.flist.")
    String flist;

    @Option(names = "--cpu", defaultValue = "1", paramLabel = "N", description = "Cores (default: ${DEFAULT-VALUE}).")
    int cpu;

    @Option(names = "--memory", defaultValue = "512MiB", paramLabel = "SIZE", description = "Memory, at least 250MiB (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--root-size", paramLabel = "SIZE", description = "Root disk size (default: the minimum for this cpu and memory).")
    String rootSize;

    @Option(names = "--disk", paramLabel = "NAME:SIZE:MOUNT", description = "A disk to create and mount, e.g. data:10GiB:/data (repeat).")
    List<String> disks = new ArrayList<>();

    @Option(names = "--env", paramLabel = "K=V", description = "An environment variable of the machine (repeat).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Command to run (default: the flist's own, from its /.startup.toml).")
    String entrypoint;

    @Option(names = "--dry-run", description = "Print the deployment as it would be signed and sent, with its hash; send nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json or yaml (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    TargetOptions target;

    @Mixin
    WaitOptions wait;

    @Mixin
    GridOption grid;

    DeployContainerCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var format = Render.format(output);
        var workloads = new ArrayList<Workload>();
        // a network of its own per container: network names are unique per twin and node, and its own /24 keeps
        // two quick containers' bridges from claiming the same subnet
        String net = "net_" + (name.length() > 32 ? name.substring(0, 32) : name);
        int third = 2 + Math.floorMod(name.hashCode(), 250);
        workloads.add(Workload.of(net, new Network(IpNet.parse("10.20.0.0/16"), IpNet.parse("10.20." + third + ".0/24"),
                wireguardKey(), 1024 + new SecureRandom().nextInt(30000), List.of(), null)));
        var mounts = new ArrayList<MachineMount>();
        for (String disk : disks) {
            String[] p = disk.split(":", 3);
            if (p.length != 3 || p[0].isBlank() || p[2].isBlank() || !p[2].startsWith("/")) {
                throw ZosException.invalid("invalid --disk '" + disk + "': expected NAME:SIZE:MOUNT, e.g. data:10GiB:/data");
            }
            workloads.add(Workload.of(p[0], new ZMount(size("--disk " + p[0], p[1]))));
            mounts.add(new MachineMount(p[0], p[2]));
        }
        var network = new MachineNetwork("", false, null, List.of(new MachineInterface(net, IpAddress.parse("10.20." + third + ".2"))));
        workloads.add(Workload.of(name, new ZMachine(flist, network, rootSize == null ? 0 : size("--root-size", rootSize),
                new ComputeCapacity(cpu, size("--memory", memory)), mounts, entrypoint, env, false, List.of())));
        var session = grid.open(context);
        var steps = new DeploySteps(context, session, out(), err(), format);
        Deployment signed = steps.signAsOwner(Deployment.create(steps.twin(), workloads)
                .withMetadata("{\"type\":\"container\",\"name\":\"" + name.replace("\"", "") + "\"}"));
        if (dryRun) {
            steps.dryRun(signed, target.given() ? target.resolve(session.client(), signed.capacity()) : 0);
            return 0;
        }
        long nodeId = target.resolve(session.client(), signed.capacity());
        return steps.deploy(name, "", nodeId, signed, wait);
    }

    private static long size(String option, String text) {
        try {
            return ByteSize.parse(text);
        } catch (ZosException e) {
            throw ZosException.invalid(option + ": " + e.getMessage());
        }
    }

    /** A fresh wireguard (curve25519) private key: 32 random bytes, clamped, base64. */
    private static String wireguardKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        return Base64.getEncoder().encodeToString(k);
    }
}
