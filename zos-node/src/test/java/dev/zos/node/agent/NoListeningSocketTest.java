package dev.zos.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.workload.Volume;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node dials out and listens on nothing: the sockets this JVM holds in LISTEN state (TCP) or bound without a peer
 * (UDP) are the same before the agent starts and while it serves, relay reconnects included.
 */
class NoListeningSocketTest {
    @TempDir
    Path dir;

    @Test
    void theAgentOpensNoListeningSocket() throws Exception {
        try (var f = new AgentFixture("nolisten")) {
            var alice = f.user();
            Set<String> before = ownListening();
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertThat(ownListening()).as("the check sees a listening socket of this JVM").hasSize(before.size() + 1);
            }

            var driver = new FileVolumeDriver(dir.resolve("node/volume"));
            NodeAgent node = f.start(f.config(dir.resolve("node"), f.farmId), driver);
            Deployment d = Deployment.create(alice.twin(), List.of(Workload.of("data", new Volume(4096))));
            long contract = f.client.submit(alice.tx().contractNodeCreate(node.nodeId(), d.challengeHashHex(), 0)).id();
            alice.call(node.twinId(), "zos.deployment.deploy", DeploymentSigner.sign(d.withContractId(contract), alice.twin(), alice.key()));
            AgentFixture.await(() -> alice.get(node.twinId(), contract).workloads().get(0).result().state() == ResultState.OK, "deployed");

            // the relay goes away for the node: the session comes back by itself and the workload is untouched
            node.peer().reconnect();
            AgentFixture.await(() -> node.peer().connections() >= 2 && node.peer().isConnected(), "the node reconnects");
            assertThat(alice.get(node.twinId(), contract).workloads().get(0).result().state()).isEqualTo(ResultState.OK);
            assertThat(driver.provisions.get()).isEqualTo(1);

            Set<String> after = ownListening();
            after.removeAll(before);
            assertThat(after).as("listening sockets opened while the agent ran").isEmpty();
        }
    }

    /** Inodes of sockets of this process that listen (TCP LISTEN) or wait for anyone (UDP unconnected). */
    static Set<String> ownListening() throws IOException {
        Set<String> mine = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        mine.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<String> listening = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.exists(p)) {
                continue;
            }
            String wanted = table.startsWith("tcp") ? "0A" : "07"; // TCP_LISTEN; UDP unconnected
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(wanted) && mine.contains(f[9])) {
                    listening.add(table + ":" + f[9]);
                }
            }
        }
        return listening;
    }
}
