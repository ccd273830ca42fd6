package dev.zos.core.gridtypes;

import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.GatewayFqdnProxy;
import dev.zos.core.gridtypes.workload.GatewayNameProxy;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.Mycelium;
import dev.zos.core.gridtypes.workload.MyceliumIp;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.NetworkPeer;
import dev.zos.core.gridtypes.workload.PublicIp;
import dev.zos.core.gridtypes.workload.PublicIpV4;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZLogs;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.gridtypes.workload.Zdb;
import dev.zos.core.identity.TwinKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed deployments and keys used across the gridtypes tests. */
public final class Samples {
    private Samples() {
    }

    public static final String MYCELIUM_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public static TwinKey key(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return TwinKey.fromSeed(seed);
    }

    public static Network network() {
        return new Network(IpNet.parse("10.20.0.0/16"), IpNet.parse("10.20.2.0/24"), "cHJpdmF0ZQ==", 3011,
                List.of(new NetworkPeer(IpNet.parse("10.20.3.0/24"), "cHVibGlj",
                        List.of(IpNet.parse("10.20.3.0/24"), IpNet.parse("100.64.20.3/32")), "203.0.113.7:3012")),
                new Mycelium(HexBytes.parse(MYCELIUM_KEY), List.of()));
    }

    public static ZMachine zmachine() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SSH_KEY", "ssh-ed25519 AAAA");
        env.put("B", "2");
        env.put("A", "1");
        return new ZMachine("https://hub.grid.tf/tf-official-apps/base:latest.flist",
                new MachineNetwork("pubip", true, new MyceliumIp("net1", HexBytes.parse("0a0b0c0d0e0f")),
                        List.of(new MachineInterface("net1", IpAddress.parse("10.20.2.5")))),
                0, new ComputeCapacity(2, 2 * ByteSize.GIB),
                List.of(new MachineMount("disk1", "/data")), "/sbin/zinit init", env, false, List.of());
    }

    /** One workload of every supported type, valid as a whole. */
    public static Deployment everyType() {
        return Deployment.create(42, List.of(
                Workload.of("net1", network()),
                Workload.of("disk1", new ZMount(10 * ByteSize.GIB)),
                Workload.of("vol1", new Volume(ByteSize.GIB)),
                Workload.of("db1", new Zdb(5 * ByteSize.GIB, "user", "secret", true)),
                Workload.of("pubip", new PublicIp(true, false)),
                Workload.of("oldip", new PublicIpV4()),
                Workload.of("vm1", zmachine()),
                Workload.of("gw1", new GatewayNameProxy(false, List.of("http://10.20.2.5:8080"), "net1", "myapp")),
                Workload.of("gw2", new GatewayFqdnProxy(true, List.of("10.20.2.5:443"), null, "app.example.com")),
                Workload.of("logs1", new ZLogs("vm1", "wss://logs.example.com/vm1"))))
                .withMetadata("{\"type\":\"vm\"}").withDescription("every type");
    }
}
