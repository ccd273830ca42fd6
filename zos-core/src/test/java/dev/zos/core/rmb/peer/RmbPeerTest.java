package dev.zos.core.rmb.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.rmb.EnvelopeSigning;
import dev.zos.core.rmb.ErrorCode;
import dev.zos.core.rmb.RmbException;
import dev.zos.core.rmb.TestTwins;
import dev.zos.core.rmb.crypto.E2eKey;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Error;
import dev.zos.core.rmb.proto.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RmbPeerTest {
    static final long ALICE = 1;
    static final long BOB = 2;
    static final long OFFLINE = 4;

    private final Map<Long, TwinKey> keys = Map.of(ALICE, TestTwins.key(1), BOB, TestTwins.key(2),
            OFFLINE, TestTwins.key(4));
    private final TwinDirectory directory = twin -> Optional.ofNullable(keys.get(twin)).map(k ->
            new TwinInfo(twin, k.publicKey(), E2eKey.fromSeed(k.seed()).publicKey()));
    private final List<RmbPeer> peers = new ArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private TestRelay relay;

    @BeforeEach
    void startRelay() throws InterruptedException {
        relay = TestRelay.startOn(directory);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        peers.forEach(RmbPeer::close);
        relay.shutdown();
    }

    private PeerConfig.Builder config(long twin) {
        return PeerConfig.builder(relay.url(), keys.get(twin), twin).directory(directory)
                .pingInterval(Duration.ofMillis(100)).readTimeout(Duration.ofSeconds(2))
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    private RmbPeer peer(PeerConfig.Builder config) {
        var peer = RmbPeer.start(config.build());
        peers.add(peer);
        await(peer::isConnected, "peer connects");
        return peer;
    }

    private RmbPeer bob() {
        return bob(config(BOB));
    }

    private RmbPeer bob(PeerConfig.Builder config) {
        var router = new CommandRouter()
                .on("echo", r -> {
                    served.incrementAndGet();
                    return new String(r.payload(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
                })
                .on("reject", r -> {
                    throw new RmbException(ErrorCode.INVALID_PAYLOAD, "contract_id is missing");
                })
                .on("crash", r -> {
                    throw new IllegalStateException("boom");
                });
        var bob = peer(config.router(router));
        await(() -> relay.isConnected(BOB), "relay sees bob");
        return bob;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Throwable cause(java.util.concurrent.CompletableFuture<?> future) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> future.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void requestAndResponseBetweenTwoPeersAreEncryptedEndToEnd() throws Exception {
        bob();
        var alice = peer(config(ALICE));
        var reply = alice.request(BOB, "echo", utf8("{\"hello\":1}"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"HELLO\":1}");
        assertThat(reply.source().twin()).isEqualTo(BOB);
        assertThat(reply.schema()).isEqualTo("application/json");
        var request = relay.seen.stream().filter(Envelope::hasRequest).findFirst().orElseThrow();
        assertThat(request.hasCipher()).isTrue();
        assertThat(request.getCipher().toStringUtf8()).doesNotContain("hello");
    }

    @Test
    void plainPayloadsWhenEncryptionIsOff() throws Exception {
        bob(config(BOB).encrypt(false));
        var alice = peer(config(ALICE).encrypt(false));
        var reply = alice.request(BOB, "echo", utf8("abc"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertThat(reply.payload()).isEqualTo(utf8("ABC"));
        assertThat(relay.seen.stream().filter(Envelope::hasRequest).findFirst().orElseThrow().getPlain().toStringUtf8())
                .isEqualTo("abc");
    }

    @Test
    void aSenderThatPublishesNoKeyIsAnsweredInPlainTextByOneThatDoes() throws Exception {
        // bob publishes an e2e key, alice does not: bob could not decrypt what alice would encrypt for him, and
        // alice could not decrypt bob's answer, so both directions travel signed and in plain text
        TwinDirectory aliceWithoutKey = twin -> directory.lookup(twin)
                .map(t -> twin == ALICE ? new TwinInfo(twin, t.publicKey(), null) : t);
        relay.shutdown();
        relay = TestRelay.startOn(aliceWithoutKey);
        bob(config(BOB).directory(aliceWithoutKey));
        var alice = peer(config(ALICE).directory(aliceWithoutKey));
        var reply = alice.request(BOB, "echo", utf8("abc"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertThat(reply.payload()).isEqualTo(utf8("ABC"));
        assertThat(relay.seen.stream().filter(Envelope::hasRequest).findFirst().orElseThrow().hasPlain()).isTrue();
        assertThat(relay.seen.stream().filter(Envelope::hasResponse).findFirst().orElseThrow().hasPlain()).isTrue();
    }

    @Test
    void handlerErrorsComeBackAsErrorEnvelopesWithTheirCode() {
        bob();
        var alice = peer(config(ALICE));
        var rejected = cause(alice.request(BOB, "reject", utf8("{}"), Duration.ofSeconds(5)));
        assertThat(rejected).isInstanceOf(RmbException.class).hasMessageContaining("contract_id is missing");
        assertThat(((RmbException) rejected).code()).isEqualTo(101);
        var crashed = cause(alice.request(BOB, "crash", utf8("{}"), Duration.ofSeconds(5)));
        assertThat(((RmbException) crashed).code()).isEqualTo(500);
        var unknown = cause(alice.request(BOB, "nope", utf8("{}"), Duration.ofSeconds(5)));
        assertThat(((RmbException) unknown).code()).isEqualTo(100);
        assertThat(unknown).hasMessageContaining("unknown command 'nope'");
    }

    @Test
    void timesOutWhenNobodyAnswers() {
        var alice = peer(config(ALICE));
        long start = System.nanoTime();
        var error = cause(alice.request(OFFLINE, "echo", utf8("{}"), Duration.ofMillis(300)));
        assertThat(error).isInstanceOf(ZosException.class).hasMessageContaining("no answer from twin 4 to 'echo'");
        assertThat(((ZosException) error).kind()).isEqualTo(ZosException.Kind.UNAVAILABLE);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 3000L);
    }

    @Test
    void relayErrorsFailTheMatchingRequest() {
        var alice = peer(config(ALICE));
        var future = alice.request(OFFLINE, "echo", utf8("{}"), Duration.ofSeconds(5));
        await(() -> relay.seen.stream().anyMatch(Envelope::hasRequest), "relay sees the request");
        String uid = relay.seen.stream().filter(Envelope::hasRequest).findFirst().orElseThrow().getUid();
        relay.inject(ALICE, Envelope.newBuilder().setUid(uid).setSource(Address.newBuilder().setTwin(0))
                .setDestination(Address.newBuilder().setTwin((int) ALICE))
                .setError(Error.newBuilder().setCode(500).setMessage("destination offline")).build().toByteArray());
        assertThat(cause(future)).isInstanceOf(RmbException.class).hasMessageContaining("destination offline");
    }

    @Test
    void reconnectsAfterTheRelayDropsTheSession() throws Exception {
        bob();
        var alice = peer(config(ALICE));
        relay.dropAll();
        await(() -> alice.connections() >= 2 && alice.isConnected() && relay.isConnected(ALICE), "alice reconnects");
        await(() -> relay.isConnected(BOB), "bob reconnects");
        var reply = alice.request(BOB, "echo", utf8("again"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertThat(reply.payload()).isEqualTo(utf8("AGAIN"));
    }

    @Test
    void reconnectsWhenNothingIsReadForTheReadTimeout() {
        relay.answerPings = false;
        var alice = peer(config(ALICE).readTimeout(Duration.ofMillis(400)));
        await(() -> alice.connections() >= 2, "alice gives up on the silent session");
    }

    @Test
    void renewsItsTokenBeforeItExpires() throws Exception {
        bob();
        var alice = peer(config(ALICE).tokenTtl(Duration.ofSeconds(2)).tokenRenewBefore(Duration.ofMillis(1700)));
        await(() -> alice.connections() >= 2 && alice.isConnected(), "alice renews her token");
        assertThat(relay.rejectedTokens).hasValue(0);
        var reply = alice.request(BOB, "echo", utf8("x"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        assertThat(reply.payload()).isEqualTo(utf8("X"));
    }

    @Test
    void replayedRequestIsDroppedAndAnswered() throws Exception {
        var bob = bob();
        var alice = peer(config(ALICE));
        alice.request(BOB, "echo", utf8("once"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        var original = relay.seen.stream().filter(Envelope::hasRequest).findFirst().orElseThrow();
        relay.inject(BOB, relay.frames.get(original.getUid() + "/REQUEST"));
        await(() -> bob.droppedEnvelopes() == 1, "bob drops the replay");
        assertThat(served).hasValue(1);
        await(() -> errorFromBob(original.getUid()).isPresent(), "bob answers the replay with an error");
        assertThat(errorFromBob(original.getUid()).orElseThrow().getError().getCode()).isEqualTo(102);
    }

    @Test
    void badlySignedRequestIsDroppedAndAnswered() {
        var bob = bob();
        peer(config(ALICE));
        var forged = EnvelopeSigning.sign(Envelope.newBuilder().setUid("forged-1")
                .setTimestamp(Instant.now().getEpochSecond()).setExpiration(60)
                .setSource(Address.newBuilder().setTwin((int) ALICE)).setDestination(Address.newBuilder().setTwin((int) BOB))
                .setRequest(Request.newBuilder().setCommand("echo")).setSchema("application/json")
                .setPlain(ByteString.copyFromUtf8("x"))
                .build(), TestTwins.key(9));
        relay.inject(BOB, forged.toByteArray());
        relay.inject(BOB, new byte[] {1, 2, 3});
        await(() -> bob.droppedEnvelopes() == 2, "bob drops the forgery and the garbage");
        assertThat(served).hasValue(0);
        await(() -> errorFromBob("forged-1").isPresent(), "bob answers the forgery with an error");
        assertThat(errorFromBob("forged-1").orElseThrow().getError().getCode()).isEqualTo(104);
    }

    @Test
    void expiredRequestIsDroppedAndAnswered() {
        var bob = bob();
        peer(config(ALICE));
        var old = EnvelopeSigning.sign(Envelope.newBuilder().setUid("old-1")
                .setTimestamp(Instant.now().getEpochSecond() - 120).setExpiration(60)
                .setSource(Address.newBuilder().setTwin((int) ALICE)).setDestination(Address.newBuilder().setTwin((int) BOB))
                .setRequest(Request.newBuilder().setCommand("echo")).setSchema("application/json").build(),
                TestTwins.key(1));
        relay.inject(BOB, old.toByteArray());
        await(() -> errorFromBob("old-1").isPresent(), "bob answers the expired request with an error");
        assertThat(errorFromBob("old-1").orElseThrow().getError().getCode()).isEqualTo(102);
        assertThat(bob.droppedEnvelopes()).isEqualTo(1);
        assertThat(served).hasValue(0);
    }

    private Optional<Envelope> errorFromBob(String uid) {
        return relay.seen.stream().filter(e -> e.hasError() && e.getUid().equals(uid)
                && e.getSource().getTwin() == BOB).findFirst();
    }
}
