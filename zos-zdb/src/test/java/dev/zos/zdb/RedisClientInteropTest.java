package dev.zos.zdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/** A stock Redis client (Jedis) talks to the server, including 0-db's own commands, as tools do with 0-db. */
class RedisClientInteropTest {

    @TempDir
    Path data;

    private static ProtocolCommand cmd(String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        return () -> raw;
    }

    @Test
    void jedisSpeaksToIt() throws Exception {
        try (ZdbServer s = ZdbServer.start(ZdbConfig.local(data));
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.sendCommand(cmd("NSNEW"), "blocks")).isEqualTo("OK".getBytes(StandardCharsets.US_ASCII));
            assertThat(j.sendCommand(cmd("NSSET"), "blocks", "password", "pw")).isNotNull();
            assertThat(j.sendCommand(Protocol.Command.SELECT, "blocks", "pw")).isEqualTo("OK".getBytes(StandardCharsets.US_ASCII));
            assertThat((byte[]) j.sendCommand(Protocol.Command.SET, "k".getBytes(), "v".getBytes())).isEqualTo("k".getBytes());
            assertThat(j.get("k")).isEqualTo("v");
            assertThat(j.exists("k")).isTrue();
            assertThatThrownBy(() -> j.sendCommand(Protocol.Command.SELECT, "blocks", "bad"))
                    .isInstanceOf(JedisDataException.class).hasMessage("Access denied");
        }
    }
}
