package dev.zos.grid.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.peer.CommandRouter;
import dev.zos.core.rmb.peer.PeerConfig;
import dev.zos.core.rmb.peer.RmbPeer;
import dev.zos.testkit.ExternalService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Two relay processes' worth of relays sharing one Redis: a peer on relay A reaches a peer on relay B. */
class RedisRelayTest {

    @Test
    void aPeerOnOneRelayReachesAPeerOnAnother() throws Exception {
        String redisUrl = ExternalService.url("ZOS_TEST_REDIS_URL", "Redis");
        var options = RelayOptions.defaults();
        try (var a = new RelayFixture(new RedisSwitch(redisUrl, options, Clock.systemUTC()), options);
             var b = new RelayFixture(new RedisSwitch(redisUrl, options, Clock.systemUTC()), options)) {
            // both relays read the same registry: the same twins on both
            long alice = 100_000 + (System.nanoTime() & 0xffff);
            long bob = alice + 1;
            TwinKey aliceKey = a.twin(alice);
            TwinKey bobKey = a.twin(bob);
            b.keys.putAll(a.keys);

            RmbPeer bobPeer = RmbPeer.start(PeerConfig.builder(b.url(), bobKey, bob).directory(b.directory)
                    .router(new CommandRouter().on("test.echo", req -> ("b:" + new String(req.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
                    .build());
            RmbPeer alicePeer = RmbPeer.start(PeerConfig.builder(a.url(), aliceKey, alice).directory(a.directory).build());
            try {
                awaitSessions(b, 1);
                awaitSessions(a, 1);
                var reply = alicePeer.request(bob, "test.echo", "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10))
                        .get(10, TimeUnit.SECONDS);
                assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo("b:hello");

                // bob goes away; what alice sends waits in Redis and reaches bob when he is back, on the other relay
                bobPeer.close();
                awaitSessions(b, 0);
                var later = alicePeer.request(bob, "test.echo", "later".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
                Thread.sleep(300);
                assertThat(RedisClient.create(URI.create(redisUrl)).xlen(RedisSwitch.streamKey(new dev.zos.core.rmb.RmbAddress(bob, null))))
                        .isGreaterThanOrEqualTo(1);
                bobPeer = RmbPeer.start(PeerConfig.builder(a.url(), bobKey, bob).directory(a.directory)
                        .router(new CommandRouter().on("test.echo", req -> ("a:" + new String(req.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
                        .build());
                assertThat(new String(later.get(15, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8)).isEqualTo("a:later");
            } finally {
                alicePeer.close();
                bobPeer.close();
            }
        }
    }

    private static void awaitSessions(RelayFixture fx, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (fx.relay.switchboard().sessions() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fx.relay.switchboard().sessions()).isEqualTo(n);
    }

    @SuppressWarnings("unused")
    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
