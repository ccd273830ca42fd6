package dev.zos.core.rmb.peer;

import static dev.zos.core.rmb.peer.RmbPeerTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.TestTwins;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerLifecycleTest {
    private final Map<Long, TwinKey> keys = Map.of(1L, TestTwins.key(1), 2L, TestTwins.key(2));
    private final TwinDirectory directory = twin -> Optional.ofNullable(keys.get(twin))
            .map(k -> new TwinInfo(twin, k.publicKey(), null));
    private TestRelay relay;

    @BeforeEach
    void startRelay() throws InterruptedException {
        relay = TestRelay.startOn(directory);
    }

    @AfterEach
    void stopRelay() throws InterruptedException {
        relay.shutdown();
    }

    private PeerConfig.Builder config(long twin, TwinKey key) {
        return PeerConfig.builder(relay.url(), key, twin).directory(directory)
                .pingInterval(Duration.ofMillis(100)).readTimeout(Duration.ofSeconds(2))
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    @Test
    void closeStopsEveryThreadItStarted() throws Exception {
        Set<Thread> before = liveThreads();
        var bob = RmbPeer.start(config(2, keys.get(2L)).router(new CommandRouter().on("ping", r -> r.payload())).build());
        var alice = RmbPeer.start(config(1, keys.get(1L)).build());
        await(() -> alice.isConnected() && bob.isConnected() && relay.isConnected(2), "both connect");
        var reply = alice.request(2, "ping", "x".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))
                .get(5, TimeUnit.SECONDS);
        assertThat(reply.payload()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
        var pending = alice.request(99, "ping", new byte[0], Duration.ofSeconds(30));
        alice.close();
        bob.close();
        assertThatThrownBy(() -> pending.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ZosException.class);
        await(() -> leaked(before).isEmpty(), "peer threads stop: " + leaked(before));
        assertThat(alice.request(2, "ping", new byte[0], Duration.ofSeconds(1)))
                .failsWithin(Duration.ofSeconds(1));
    }

    /** Threads that are new since {@code before}, ignoring the test relay's and the JDK's shared pools. */
    private static Set<String> leaked(Set<Thread> before) {
        return liveThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .filter(n -> !n.startsWith("WebSocketWorker") && !n.startsWith("ForkJoinPool") && !n.startsWith("VirtualThread-")
                        && !n.startsWith("CompletableFutureDelayScheduler") && !n.startsWith("connectionLostChecker")
                        && !n.startsWith("WebSocketConnectReadThread") && !n.startsWith("WebSocketServer"))
                .collect(Collectors.toSet());
    }

    @Test
    void relayRefusesATokenSignedWithTheWrongKeyAndThePeerKeepsRetrying() {
        var impostor = RmbPeer.start(config(1, TestTwins.key(7)).build());
        try {
            await(() -> relay.rejectedTokens.get() >= 2, "relay refuses the impostor repeatedly");
            assertThat(impostor.connections()).isZero();
            assertThat(impostor.isConnected()).isFalse();
        } finally {
            impostor.close();
        }
    }

    @Test
    void configIsValidated() {
        var key = keys.get(1L);
        assertThatThrownBy(() -> PeerConfig.builder(URI.create("http://relay"), key, 1).build())
                .hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> PeerConfig.builder(URI.create("ws://relay/?x"), key, 1).build())
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> PeerConfig.builder(URI.create("ws://relay"), key, -1).build())
                .hasMessageContaining("twin");
        assertThatThrownBy(() -> PeerConfig.builder(URI.create("ws://relay"), key, 1)
                .tokenTtl(Duration.ofSeconds(10)).tokenRenewBefore(Duration.ofSeconds(10)).build())
                .hasMessageContaining("tokenRenewBefore");
        assertThatThrownBy(() -> PeerConfig.builder(URI.create("ws://relay"), key, 1).pingInterval(Duration.ZERO).build())
                .hasMessageContaining("pingInterval");
    }

    @Test
    void routerRefusesDuplicatesAndBlankNames() {
        var router = new CommandRouter().on("a", r -> new byte[0]);
        assertThatThrownBy(() -> router.on("a", r -> new byte[0])).hasMessageContaining("already has a handler");
        assertThatThrownBy(() -> router.on(" ", r -> new byte[0])).hasMessageContaining("blank");
        assertThat(router.commands()).containsExactly("a");
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        var random = new java.util.Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(0, random).toMillis()).isBetween(50L, 100L);
            assertThat(backoff.delay(2, random).toMillis()).isBetween(200L, 400L);
            assertThat(backoff.delay(30, random).toMillis()).isBetween(500L, 1000L);
        }
    }
}
