package dev.zos.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.power.MacAddress;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.node.power.FarmWaker;
import dev.zos.node.power.LanWaker;
import dev.zos.node.power.MachinePower;
import dev.zos.testkit.MagicPacketListener;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's power target handling and farm waking, with a real grid: whether a down target powers the machine off
 * is the Host's choice ({@link MachinePower}); here a recording power stands in for reboot(2), so the test machine
 * stays on, and the real PID 1 power refuses outside PID 1.
 */
class NodePowerTest {
    @TempDir
    Path dir;
    AgentFixture f;
    FileVolumeDriver driver;

    /** What PID 1 would do, recorded: the node's reported power state in the registry when power-off came. */
    static final class RecordingPower implements MachinePower {
        final List<String> stateAtPowerOff = Collections.synchronizedList(new ArrayList<>());
        AgentFixture fixture;
        long node;

        @Override
        public boolean canPowerOff() {
            return true;
        }

        @Override
        public void powerOff() {
            stateAtPowerOff.add(fixture.client.node(node).power().state());
        }

        @Override
        public String describe() {
            return "recorded";
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new AgentFixture("power");
        driver = new FileVolumeDriver(dir.resolve("node").resolve("volume"));
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void asPid1ADownTargetPowersOffOnceNoDeploymentIsLiveAfterReportingDown() throws Exception {
        var power = new RecordingPower();
        power.fixture = f;
        NodeAgent node = f.start(f.config(dir.resolve("node"), f.farmId), driver, h -> h.withPower(power));
        power.node = node.nodeId();
        var alice = f.user();
        Deployment d = Deployment.create(alice.twin(), List.of(Workload.of("data", new Volume(4096))));
        long contract = f.client.submit(alice.tx().contractNodeCreate(node.nodeId(), d.challengeHashHex(), 0)).id();
        d = DeploymentSigner.sign(d.withContractId(contract), alice.twin(), alice.key());
        alice.call(node.twinId(), "zos.deployment.deploy", d);
        AgentFixture.await(() -> alice.get(node.twinId(), contract).workload("data").orElseThrow().result().state() == ResultState.OK,
                "the volume is deployed");

        f.client.submit(f.farmer.nodePowerTarget(node.nodeId(), Power.DOWN));
        node.followPowerTarget();
        assertThat(power.stateAtPowerOff).as("a live deployment keeps the machine on").isEmpty();
        assertThat(f.client.node(node.nodeId()).status()).isEqualTo("standby");
        assertThat(f.log).contains("zos-node: power target down: standby, taking no new deployments (1 live deployment(s) keep the machine on)");

        f.client.submit(alice.tx().contractCancel(contract));
        node.engine().reconcile(false);
        node.followPowerTarget();
        assertThat(power.stateAtPowerOff).as("powered off after reporting power state down").containsExactly("down");
        assertThat(f.log).contains("zos-node: power target down and no live deployment: powering the machine off");

        // it comes back (woken): target up again, so it reports power state up and takes work
        f.client.submit(f.farmer.nodePowerTarget(node.nodeId(), Power.UP));
        node.followPowerTarget();
        assertThat(f.client.node(node.nodeId()).power().state()).isEqualTo("up");
        assertThat(node.engine().acceptingNewWork()).isTrue();
        assertThat(power.stateAtPowerOff).hasSize(1);
    }

    @Test
    void inProcessModeADownTargetIsStandbyEvenWithNothingRunning() throws Exception {
        NodeAgent node = f.start(f.config(dir.resolve("node"), f.farmId), driver); // Host's default: MachinePower.STANDBY_ONLY
        f.client.submit(f.farmer.nodePowerTarget(node.nodeId(), Power.DOWN));
        node.followPowerTarget();
        node.followPowerTarget();
        assertThat(f.client.node(node.nodeId()).power().state()).isEqualTo("down");
        assertThat(node.engine().acceptingNewWork()).isFalse();
        assertThat(f.log).contains("zos-node: power target down: standby, taking no new deployments")
                .noneMatch(l -> l.contains("powering the machine off"));
        assertThat(NodeAgent.Host.system().power()).isSameAs(MachinePower.STANDBY_ONLY);
        assertThat(NodeAgent.Host.pid1().power().canPowerOff()).isTrue();
    }

    @Test
    void theRealPowerOffRefusesOutsidePid1() {
        assertThatThrownBy(() -> MachinePower.pid1().powerOff()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("not PID 1 (pid " + ProcessHandle.current().pid() + "): refusing to power the machine off");
        assertThatThrownBy(MachinePower.STANDBY_ONLY::powerOff).hasMessageContaining("process mode");
    }

    @Test
    void aRunningNodeWakesItsFarmsSleepingNodeOnItsOwnTimer() throws Exception {
        try (var lan = new MagicPacketListener()) {
            NodeAgent node = f.start(f.config(dir.resolve("node"), f.farmId), driver, h -> h.withWaking(
                    LanWaker.to(List.of(new InetSocketAddress("127.0.0.1", lan.port()))),
                    new FarmWaker.Settings(Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofMinutes(10))));
            // a neighbour registered after it (higher id), powered off by the farmer and now wanted back
            var twin = f.grid.newTwin();
            long sleeper = f.client.submit(twin.nodeRegister(f.farmId, new Resources(1, 1L << 30, 1L << 30, 0),
                    new Location("BE", "Ghent", "0", "0"), List.of(new NodeInterface("zos", "02:00:00:00:03:01", List.of())), "SN", false)).id();
            f.client.submit(twin.nodeUptime(sleeper, 5));
            f.client.submit(f.farmer.nodePowerTarget(sleeper, Power.DOWN));
            f.client.submit(twin.nodePowerState(sleeper, Power.DOWN));
            assertThat(lan.received(600)).as("target down: it is meant to sleep").isEmpty();
            f.client.submit(f.farmer.nodePowerTarget(sleeper, Power.UP));
            assertThat(lan.received(3000)).containsExactly(MacAddress.of("02:00:00:00:03:01"));
            assertThat(f.log).anySatisfy(l -> assertThat(l).startsWith("zos-node: waking node " + sleeper + " (02:00:00:00:03:01) via 127.0.0.1:"));
            assertThat(node.wakeSleepingNodes()).as("backing off").isEmpty();
        }
    }
}
