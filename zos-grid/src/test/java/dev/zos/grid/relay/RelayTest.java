package dev.zos.grid.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.rmb.EnvelopeSigning;
import dev.zos.core.rmb.peer.CommandRouter;
import dev.zos.core.rmb.proto.Address;
import dev.zos.core.rmb.proto.Envelope;
import dev.zos.core.rmb.proto.Ping;
import dev.zos.core.rmb.proto.Request;
import com.google.protobuf.ByteString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelayTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    RelayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new RelayFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    static CommandRouter echo() {
        return new CommandRouter().on("test.echo", req -> req.payload());
    }

    @Test
    void requestAndResponseTravelBetweenTwoPeers() throws Exception {
        var alice = fx.peer(1, new CommandRouter());
        fx.peer(2, echo());
        awaitSessions(2);
        var reply = alice.request(2, "test.echo", "{\"hi\":1}".getBytes(StandardCharsets.UTF_8), WAIT).get(5, TimeUnit.SECONDS);
        assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"hi\":1}");
        assertThat(reply.source().twin()).isEqualTo(2);
    }

    @Test
    void unknownDestinationIsAnsweredByTheRelay() throws Exception {
        fx.twin(1);
        var raw = fx.raw(fx.token(1, null));
        awaitSessions(1);
        raw.send(EnvelopeSigning.sign(request("u-77", 1, 77, "test.echo"), fx.keys.get(1L)).toByteArray());
        Envelope answer = Envelope.parseFrom(raw.next());
        assertThat(answer.getError().getCode()).isEqualTo(103);
        assertThat(answer.getError().getMessage()).contains("unknown twin");
        assertThat(answer.getSource().getTwin()).isZero();
        assertThat(answer.hasSignature()).isFalse();
    }

    @Test
    void envelopesForAnOfflineSessionWaitUntilItConnects() throws Exception {
        var alice = fx.peer(1, new CommandRouter());
        fx.twin(2);
        awaitSessions(1);
        var pending = alice.request(2, "test.echo", "late".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
        awaitQueued(1);
        fx.peer(2, echo());
        assertThat(new String(pending.get(10, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8)).isEqualTo("late");
    }

    @Test
    void badTokensAreRefusedBeforeTheUpgrade() throws Exception {
        fx.twin(1);
        var mallory = fx.twin(666);
        // claims of twin 1 carrying a signature made with twin 666's key
        String claimsOf1 = fx.token(1, null).split("\\.")[1];
        String sigOf666 = fx.token(666, null).split("\\.")[2];
        String spoofed = fx.token(666, null).split("\\.")[0] + "." + claimsOf1 + "." + sigOf666;
        for (String token : new String[] {"", "garbage", spoofed}) {
            assertThatThrownBy(() -> fx.raw(token)).as(token).isInstanceOf(ExecutionException.class);
        }
        fx.keys.remove(666L);
        assertThatThrownBy(() -> fx.raw(RelayFixtureTokens.sign(666, mallory))).isInstanceOf(ExecutionException.class);
        assertThat(fx.relay.metrics().render()).contains("relay_connections_rejected_total{reason=");
    }

    @Test
    void aSessionCannotSpeakForAnotherTwin() throws Exception {
        fx.twin(1);
        fx.twin(2);
        var raw = fx.raw(fx.token(1, null));
        awaitSessions(1);
        Envelope spoofed = EnvelopeSigning.sign(request("u-1", 2, 1, "test.echo"), fx.keys.get(2L));
        raw.send(spoofed.toByteArray());
        Envelope answer = Envelope.parseFrom(raw.next());
        assertThat(answer.hasError()).isTrue();
        assertThat(answer.getError().getCode()).isEqualTo(102);
        assertThat(answer.getSource().getTwin()).isZero();
        assertThat(answer.getUid()).isEqualTo("u-1");
    }

    @Test
    void textAndMalformedFramesCloseOnlyThatSession() throws Exception {
        fx.twin(1);
        fx.twin(3);
        fx.twin(4);
        var bystander = fx.peer(2, echo());
        var caller = fx.peer(5, new CommandRouter());
        var texter = fx.raw(fx.token(3, null));
        var garbler = fx.raw(fx.token(4, null));
        awaitSessions(4);
        texter.ws.sendText("hello", true);
        garbler.send(new byte[] {1, 2, 3, (byte) 0xff});
        assertThat(texter.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1003);
        assertThat(garbler.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1007);
        var reply = caller.request(2, "test.echo", "still here".getBytes(StandardCharsets.UTF_8), WAIT).get(5, TimeUnit.SECONDS);
        assertThat(new String(reply.payload(), StandardCharsets.UTF_8)).isEqualTo("still here");
        assertThat(bystander.isConnected()).isTrue();
    }

    @Test
    void expiredEnvelopesAndFailFastToOfflineSessionsAreAnswered() throws Exception {
        fx.twin(1);
        fx.twin(2);
        var raw = fx.raw(fx.token(1, null));
        awaitSessions(1);
        Envelope old = request("old", 1, 2, "x").toBuilder().setTimestamp(Instant.now().getEpochSecond() - 100).setExpiration(10).build();
        raw.send(EnvelopeSigning.sign(old, fx.keys.get(1L)).toByteArray());
        Envelope expired = Envelope.parseFrom(raw.next());
        assertThat(expired.getError().getMessage()).contains("expired");

        Envelope fast = request("ff", 1, 2, "x").toBuilder().setTags("fail-fast").build();
        raw.send(EnvelopeSigning.sign(fast, fx.keys.get(1L)).toByteArray());
        Envelope offline = Envelope.parseFrom(raw.next());
        assertThat(offline.getUid()).isEqualTo("ff");
        assertThat(offline.getError().getMessage()).contains("offline");
    }

    @Test
    void envelopePingIsAnsweredWithPong() throws Exception {
        fx.twin(1);
        var raw = fx.raw(fx.token(1, null));
        awaitSessions(1);
        Envelope ping = request("p", 1, 0, "x").toBuilder().clearRequest().setPing(Ping.getDefaultInstance()).build();
        raw.send(ping.toByteArray());
        Envelope pong = Envelope.parseFrom(raw.next());
        assertThat(pong.hasPong()).isTrue();
        assertThat(pong.getUid()).isEqualTo("p");
    }

    @Test
    void aNewerConnectionOfTheSameSessionEvictsTheOlder() throws Exception {
        fx.twin(1);
        var first = fx.raw(fx.token(1, "s1"));
        awaitSessions(1);
        var second = fx.raw(fx.token(1, "s1"));
        assertThat(first.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(second.closed).isNotDone();
        var other = fx.raw(fx.token(1, "s2"));
        awaitSessions(2);
        assertThat(other.closed).isNotDone();
    }

    @Test
    void theRelayPingsEverySession() throws Exception {
        var options = RelayOptions.defaults().withPingInterval(Duration.ofMillis(100));
        try (var pinging = new RelayFixture(new LocalSwitch(options, java.time.Clock.systemUTC()), options)) {
            pinging.twin(1);
            var raw = pinging.raw(pinging.token(1, null));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (raw.pings.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(raw.pings.get()).isGreaterThanOrEqualTo(3);
            assertThat(raw.closed).isNotDone();
        }
    }

    @Test
    void metricsAreServedInPrometheusText() throws Exception {
        var alice = fx.peer(1, new CommandRouter());
        fx.peer(2, echo());
        awaitSessions(2);
        alice.request(2, "test.echo", new byte[] {'1'}, WAIT).get(5, TimeUnit.SECONDS);
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("relay_sessions 2").containsPattern("relay_envelopes_forwarded_total [1-9]");
    }

    static Envelope request(String uid, long from, long to, String command) {
        return Envelope.newBuilder()
                .setUid(uid)
                .setTimestamp(Instant.now().getEpochSecond())
                .setExpiration(60)
                .setSource(Address.newBuilder().setTwin((int) from))
                .setDestination(Address.newBuilder().setTwin((int) to))
                .setRequest(Request.newBuilder().setCommand(command))
                .setSchema("application/json")
                .setPlain(ByteString.copyFromUtf8("{}"))
                .build();
    }

    private void awaitSessions(int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fx.relay.switchboard().sessions() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fx.relay.switchboard().sessions()).isGreaterThanOrEqualTo(n);
    }

    private void awaitQueued(long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fx.relay.switchboard().queued() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fx.relay.switchboard().queued()).isGreaterThanOrEqualTo(n);
    }

}
