package dev.zos.node.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.power.MacAddress;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.MagicPacketListener;
import dev.zos.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The farm's waker against a real in-process registry, its magic packets received on a real UDP socket. */
class FarmWakerTest {
    TestGrid grid;
    GridClient client;
    TransactionBuilder farmer;
    long farm;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    static final FarmWaker.Settings SETTINGS = new FarmWaker.Settings(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(5));

    @BeforeEach
    void farm() throws Exception {
        grid = TestGrid.shared();
        client = grid.client();
        farmer = grid.newTwin();
        farm = client.submit(farmer.farmCreate("wake_" + System.nanoTime() % 1_000_000_000L, 1, List.of())).id();
    }

    record Node(long id, TransactionBuilder twin) {
    }

    /** A node of the farm with NICs of {@code macs}; {@code up}: it reported its uptime. */
    Node node(boolean up, String... macs) {
        var twin = grid.newTwin();
        List<NodeInterface> nics = new ArrayList<>();
        for (int i = 0; i < macs.length; i++) {
            nics.add(new NodeInterface("eth" + i, macs[i], List.of()));
        }
        long id = client.submit(twin.nodeRegister(farm, new Resources(1, 1L << 30, 1L << 30, 0), new Location("BE", "Ghent", "0", "0"),
                nics, "SN", false)).id();
        if (up) {
            client.submit(twin.nodeUptime(id, 10));
        }
        return new Node(id, twin);
    }

    /** The farmer powered it off, it said so and slept; then the farmer (or the bot) wants it back. */
    void sleepsButIsWanted(Node n) {
        client.submit(farmer.nodePowerTarget(n.id(), Power.DOWN));
        client.submit(n.twin().nodePowerState(n.id(), Power.DOWN));
        client.submit(farmer.nodePowerTarget(n.id(), Power.UP));
    }

    FarmWaker waker(Node self, MagicPacketListener lan) {
        return new FarmWaker(client, farm, self.id(), LanWaker.to(List.of(new InetSocketAddress("127.0.0.1", lan.port()))),
                SETTINGS, clock, log::add);
    }

    @Test
    void theLowestUpNodeWakesEverySleeperOnAllItsMacsWithBackOff() throws Exception {
        Node first = node(true, "02:00:00:00:01:01");
        Node second = node(true, "02:00:00:00:01:02");
        Node sleeper = node(true, "02:00:00:00:01:03", "02:00:00:00:01:04");
        sleepsButIsWanted(sleeper);
        try (var lan = new MagicPacketListener()) {
            FarmWaker notLeader = waker(second, lan);
            assertThat(notLeader.round()).isEmpty();
            assertThat(lan.received(300)).as("only one node of the farm sends").isEmpty();
            assertThat(log).contains("zos-node: node " + first.id() + " wakes the farm's sleeping nodes, not this one");

            FarmWaker leader = waker(first, lan);
            assertThat(leader.round()).containsExactly(sleeper.id());
            assertThat(lan.received(500)).containsExactly(MacAddress.of("02:00:00:00:01:03"), MacAddress.of("02:00:00:00:01:04"));
            assertThat(log).anySatisfy(l -> assertThat(l).isEqualTo("zos-node: waking node " + sleeper.id()
                    + " (02:00:00:00:01:03) via 127.0.0.1:" + lan.port()
                    + ": its power target is up but it reported power state down; attempt 1, next in 120 s unless it comes up"));

            assertThat(leader.round()).as("backing off").isEmpty();
            clock.advance(Duration.ofMinutes(2));
            assertThat(leader.round()).containsExactly(sleeper.id());
            assertThat(log.getLast()).contains("attempt 2, next in 240 s");
            clock.advance(Duration.ofMinutes(4));
            leader.round();
            clock.advance(Duration.ofMinutes(5));
            leader.round();
            assertThat(log.getLast()).as("capped at maxRetry").contains("attempt 4, next in 300 s");
            assertThat(lan.received(300)).hasSize(6);

            // it boots and reports power state up: no more packets, and a later sleep starts afresh at attempt 1
            client.submit(sleeper.twin().nodePowerState(sleeper.id(), Power.UP));
            clock.advance(Duration.ofMinutes(10));
            assertThat(leader.round()).isEmpty();
            client.submit(sleeper.twin().nodePowerState(sleeper.id(), Power.DOWN));
            assertThat(leader.round()).containsExactly(sleeper.id());
            assertThat(log.getLast()).contains("attempt 1,");
            assertThat(lan.received(300)).hasSize(2);
        }
    }

    @Test
    void onlyNodesThatPoweredThemselvesOffAndAreWantedAreWoken() throws Exception {
        Node self = node(true, "02:00:00:00:02:01");
        Node crashed = node(false, "02:00:00:00:02:02"); // never reported: down, but not known to be off
        Node stayOff = node(true, "02:00:00:00:02:03");
        client.submit(farmer.nodePowerTarget(stayOff.id(), Power.DOWN));
        client.submit(stayOff.twin().nodePowerState(stayOff.id(), Power.DOWN));
        Node noMac = node(true);
        sleepsButIsWanted(noMac);
        try (var lan = new MagicPacketListener()) {
            FarmWaker waker = waker(self, lan);
            assertThat(waker.round()).isEmpty();
            assertThat(lan.received(300)).isEmpty();
            assertThat(log).contains("zos-node: this node wakes the farm's sleeping nodes (lowest id of the nodes up)",
                    "zos-node: cannot wake node " + noMac.id() + ": it registered no MAC address");
            assertThat(String.join("\n", log)).doesNotContain("node " + crashed.id()).doesNotContain("node " + stayOff.id());
        }
        // a node in standby (target down) wakes nobody: the next lowest up node does
        client.submit(farmer.nodePowerTarget(self.id(), Power.DOWN));
        Node other = node(true, "02:00:00:00:02:04");
        var nodes = client.nodes(dev.zos.core.registry.client.NodeQuery.builder().farmIds(List.of(farm)).build()).items();
        assertThat(FarmWaker.waker(nodes, self.id())).isEqualTo(other.id());
        // a running node counts itself up even when its last report is older than the grid's window
        assertThat(FarmWaker.waker(nodes, crashed.id())).isEqualTo(crashed.id());
    }
}
