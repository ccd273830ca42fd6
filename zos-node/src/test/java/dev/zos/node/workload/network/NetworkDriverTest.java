package dev.zos.node.workload.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.IpNet;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.Network;
import dev.zos.core.gridtypes.workload.NetworkPeer;
import dev.zos.node.provision.NodeEnvironment;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.workload.Deployments;
import dev.zos.node.workload.HostTools;
import dev.zos.node.workload.host.ProcessRunner;
import dev.zos.node.workload.host.SystemProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network driver on the real host: a real bridge, its address and forwarding switch. Needs root and iproute2. */
class NetworkDriverTest {
    private static final long TWIN = 9001;

    @TempDir
    Path tmp;
    private final ProcessRunner runner = new SystemProcessRunner();
    private final Links links = new Links(runner);
    private final NetworkDriver driver = new NetworkDriver(links);
    private NodeEnvironment node;

    @BeforeEach
    void setUp() {
        HostTools.requireRoot();
        HostTools.requireTool("ip", "iproute2");
        node = Deployments.node(tmp.resolve("data"));
    }

    @AfterEach
    void tearDown() {
        for (long contract : List.of(1L, 2L)) {
            runner.run(List.of("ip", "link", "delete", LinkNames.bridge(TWIN + "-" + contract + "-net")),
                    Duration.ofSeconds(10));
        }
    }

    static Network network(String range, String subnet, List<NetworkPeer> peers) {
        return new Network(IpNet.parse(range), IpNet.parse(subnet), "c2VjcmV0", 3011, peers, null);
    }

    private WorkloadContext context(long contract, Network net) {
        Deployment d = Deployment.create(TWIN, List.of(Workload.of("net", net))).withContractId(contract);
        return Deployments.context(node, d, "net");
    }

    @Test
    void provisionCreatesTheBridgeWithTheGatewayAndDeprovisionRemovesIt() throws Exception {
        var peer = new NetworkPeer(IpNet.parse("10.20.4.0/24"), "cHVibGlj", List.of(IpNet.parse("10.20.4.0/24")),
                "203.0.113.5:3011");
        WorkloadContext net = context(1, network("10.20.0.0/16", "10.20.3.0/24", List.of(peer)));
        String bridge = LinkNames.bridge("9001-1-net");

        var result = driver.provision(net);
        assertThat(result.path("bridge").asText()).isEqualTo(bridge);
        assertThat(result.path("gateway").asText()).isEqualTo("10.20.3.1");
        assertThat(result.path("not_connected").toString()).as("says what is not wired")
                .contains("no WireGuard interface").contains("1 peer(s) not connected (10.20.4.0/24)")
                .contains("no NAT");
        assertThat(links.addresses(bridge)).containsExactly("10.20.3.1/24");
        assertThat(ipLink(bridge)).contains("bridge").contains("UP");
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/conf", bridge, "forwarding")).strip()).isEqualTo("0");
        assertThat(NetworkResources.find(node, TWIN, "net")).get().extracting(NetworkResource::subnet)
                .isEqualTo("10.20.3.0/24");

        var again = new NetworkDriver(new Links(runner)).provision(net); // an agent restart adopts it
        assertThat(again).isEqualTo(result);
        assertThat(links.addresses(bridge)).containsExactly("10.20.3.1/24");

        driver.deprovision(net);
        assertThat(links.exists(bridge)).isFalse();
        assertThat(NetworkResources.find(node, TWIN, "net")).isEmpty();
        driver.deprovision(net); // nothing left: succeeds
    }

    @Test
    void aSubnetOutsideTheRangeIsRefusedAndNothingIsCreated() {
        WorkloadContext net = context(1, network("10.20.0.0/16", "10.30.3.0/24", List.of()));
        assertThatThrownBy(() -> driver.provision(net)).isInstanceOf(ZosException.class)
                .hasMessage("network net: data.subnet: 10.30.3.0/24 is not inside ip_range 10.20.0.0/16");
        assertThat(links.exists(LinkNames.bridge("9001-1-net"))).isFalse();
        assertThat(NetworkResources.find(node, TWIN, "net")).isEmpty();

        assertThatThrownBy(() -> driver.provision(context(1, network("fd00::/48", "fd00::/64", List.of()))))
                .hasMessageContaining("data.ip_range: 'fd00::' is not an IPv4 address");
    }

    @Test
    void aSecondNetworkOfTheSameNameForTheSameTwinIsAConflict() {
        driver.provision(context(1, network("10.20.0.0/16", "10.20.3.0/24", List.of())));
        assertThatThrownBy(() -> driver.provision(context(2, network("10.21.0.0/16", "10.21.3.0/24", List.of()))))
                .isInstanceOf(ZosException.class).extracting(e -> ((ZosException) e).kind())
                .isEqualTo(ZosException.Kind.CONFLICT);
        assertThat(links.exists(LinkNames.bridge("9001-2-net"))).isFalse();
        driver.deprovision(context(2, network("10.21.0.0/16", "10.21.3.0/24", List.of())));
        assertThat(links.exists(LinkNames.bridge("9001-1-net"))).as("the other contract's network is untouched")
                .isTrue();
        driver.deprovision(context(1, network("10.20.0.0/16", "10.20.3.0/24", List.of())));
    }

    @Test
    void aNewSubnetMovesTheGateway() {
        driver.provision(context(1, network("10.20.0.0/16", "10.20.3.0/24", List.of())));
        driver.provision(context(1, network("10.20.0.0/16", "10.20.9.0/24", List.of())));
        assertThat(links.addresses(LinkNames.bridge("9001-1-net"))).containsExactly("10.20.9.1/24");
        driver.deprovision(context(1, network("10.20.0.0/16", "10.20.9.0/24", List.of())));
    }

    private String ipLink(String link) {
        return runner.check("ip", List.of("ip", "-d", "link", "show", "dev", link), Duration.ofSeconds(10)).stdout();
    }
}
