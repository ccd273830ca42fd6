package dev.zos.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.workload.PublicIp;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zos-node run} as its own process: it comes up, listens on nothing, and after SIGKILL a new process on the
 * same data directory is the same node with every deployment in its last recorded state.
 */
class NodeProcessIT {
    @TempDir
    Path dir;

    @Test
    void killedAndRestartedTheNodeIsTheSameWithItsDeployments() throws Exception {
        try (var f = new AgentFixture("process")) {
            String[] args = {"--farm", Long.toString(f.farmId), "--grid", f.grid.url(), "--data-dir", dir.resolve("node").toString(),
                "--runmode", "dev", "--uptime-interval", "10m"};
            var alice = f.user();
            long contract;
            long nodeId;
            try (NodeProcess first = NodeProcess.start(args)) {
                nodeId = first.nodeId;
                assertThat(f.client.node(nodeId).status()).isEqualTo("up");
                assertThat(listening(first.process.pid())).as("sockets the node listens on").isEmpty();

                // no driver is wired for ip in this build: the workload must end in a clear error, never silently
                Deployment d = Deployment.create(alice.twin(), List.of(Workload.of("pub", new PublicIp(false, true))));
                contract = f.client.submit(alice.tx().contractNodeCreate(nodeId, d.challengeHashHex(), 0)).id();
                alice.call(first.twinId, "zos.deployment.deploy", DeploymentSigner.sign(d.withContractId(contract), alice.twin(), alice.key()));
                AgentFixture.await(() -> alice.get(first.twinId, contract).workloads().get(0).result().state() == ResultState.ERROR,
                        "the workload settles");
                first.kill();
                assertThat(first.output()).doesNotContain("Exception");
            }
            try (NodeProcess second = NodeProcess.start(args)) {
                assertThat(second.nodeId).isEqualTo(nodeId);
                var w = alice.get(second.twinId, contract).workloads().get(0);
                assertThat(w.result().state()).isEqualTo(ResultState.ERROR);
                assertThat(w.result().message()).isEqualTo("workload type ip is not supported on this node");
            }
        }
    }

    /** Inodes of TCP sockets in LISTEN (and unconnected UDP sockets) held by process {@code pid}. */
    static Set<String> listening(long pid) throws IOException {
        Set<String> mine = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    if (t.startsWith("socket:[")) {
                        mine.add(t.substring(8, t.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        assertThat(mine).as("the node holds its relay and grid connections").isNotEmpty();
        Set<String> out = new HashSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
            String wanted = table.startsWith("tcp") ? "0A" : "07";
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.trim().split("\\s+");
                if (c.length > 9 && c[3].equals(wanted) && mine.contains(c[9])) {
                    out.add(table + ":" + c[9]);
                }
            }
        }
        return out;
    }
}
