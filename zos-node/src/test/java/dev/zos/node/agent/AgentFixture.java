package dev.zos.node.agent;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.core.rmb.peer.Backoff;
import dev.zos.core.rmb.peer.PeerConfig;
import dev.zos.core.rmb.peer.RmbPeer;
import dev.zos.grid.testing.TestGrid;
import dev.zos.node.capacity.HostProbe;
import dev.zos.node.capacity.StorageSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/** A real grid on loopback, a farm, node agents on it and user twins with their own relay sessions. */
final class AgentFixture implements AutoCloseable {
    final TestGrid grid;
    final GridClient client;
    final TransactionBuilder farmer;
    final long farmId;
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> open = new ArrayList<>();

    AgentFixture(String farmName) throws Exception {
        grid = TestGrid.shared();
        client = grid.client();
        farmer = grid.newTwin();
        farmId = client.submit(farmer.farmCreate(farmName + "_" + System.nanoTime() % 1_000_000_000L, 1, List.of())).id();
    }

    NodeConfig config(Path dataDir, long farm) {
        return config(dataDir, farm, Duration.ofMinutes(40), Duration.ofMinutes(5));
    }

    NodeConfig config(Path dataDir, long farm, Duration uptime, Duration reconcile) {
        return new NodeConfig(farm, URI.create(grid.url()), URI.create(grid.url()), URI.create(client.relayUrl()), dataDir,
                "dev", uptime, reconcile, StorageSource.DATA_DIR_SSD);
    }

    NodeAgent start(NodeConfig config, FileVolumeDriver driver) throws InterruptedException {
        return start(config, driver, h -> h);
    }

    /** Starts an agent on the test host as {@code adapt} changes it (its power, its LAN waker). */
    NodeAgent start(NodeConfig config, FileVolumeDriver driver, java.util.function.UnaryOperator<NodeAgent.Host> adapt)
            throws InterruptedException {
        var host = adapt.apply(new NodeAgent.Host(HostProbe.system(), env -> driver == null ? List.of() : List.of(driver),
                Clock.systemUTC(), Duration.ofMillis(100)));
        NodeAgent agent = NodeAgent.start(config, host, log::add);
        open.add(agent);
        return agent;
    }

    /** A registered user twin with a connected relay session; it publishes its e2e key, as ThreeFold's clients do. */
    User user() {
        return user(true);
    }

    /** A user twin that publishes no e2e key (as {@code zos grid use} registers one) when {@code publishKey} is false. */
    User user(boolean publishKey) {
        TwinKey key = TestGrid.newKey();
        String pk = publishKey ? java.util.HexFormat.of().formatHex(dev.zos.core.rmb.crypto.E2eKey.fromSeed(key.seed()).publicKey()) : null;
        long id = client.submit(TransactionBuilder.twinCreate(key, client.relayUrl(), pk)).id();
        RmbPeer peer = RmbPeer.start(PeerConfig.builder(URI.create(client.relayUrl()), key, id).directory(new GridTwins(client))
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))).build());
        open.add(peer);
        await(peer::isConnected, "user peer connects");
        return new User(id, key, TransactionBuilder.forTwin(key, id), peer);
    }

    record User(long twin, TwinKey key, TransactionBuilder tx, RmbPeer peer) {
        /** Sends a command to the node and returns the answer's text; a node error is thrown as its message. */
        String call(long nodeTwin, String command, Object body) {
            byte[] payload = (body instanceof String s ? s : body instanceof Deployment d ? GridJson.toJson(d) : GridJson.toJson(body))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                return new String(peer.request(nodeTwin, command, payload, Duration.ofSeconds(15)).get().payload(),
                        StandardCharsets.UTF_8);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        Deployment get(long nodeTwin, long contract) {
            return GridJson.fromJson(call(nodeTwin, "zos.deployment.get", "{\"contract_id\":" + contract + "}"));
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String message(Runnable r) {
        try {
            r.run();
        } catch (ZosException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the node to refuse");
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
