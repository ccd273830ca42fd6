package dev.zos.zdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.zdb.TestClient.Err;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZdbServerTest {

    @TempDir
    Path data;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ZdbServer server(ZdbConfig config) throws IOException {
        ZdbServer s = ZdbServer.start(config);
        toClose.add(s);
        return s;
    }

    private ZdbServer server() throws IOException {
        return server(ZdbConfig.local(data));
    }

    private TestClient client(ZdbServer s) throws IOException {
        TestClient c = new TestClient(s.port());
        toClose.add(c);
        return c;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void setGetExistsCheckDel() throws Exception {
        TestClient c = client(server());
        assertThat(c.call("PING")).isEqualTo("PONG");
        assertThat(c.call("SET", "k", "v1")).isEqualTo(bytes("k"));
        assertThat(c.call("SET", "k", "v1")).as("same value again is not written").isNull();
        assertThat(c.call("GET", "k")).isEqualTo(bytes("v1"));
        assertThat(c.call("SET", "k", "v2")).isEqualTo(bytes("k"));
        assertThat(c.call("GET", "k")).isEqualTo(bytes("v2"));
        assertThat(c.call("EXISTS", "k")).isEqualTo(1L);
        assertThat(c.call("CHECK", "k")).isEqualTo(1L);
        assertThat(c.call("DBSIZE")).isEqualTo(1L);
        assertThat(c.call("DEL", "k")).isEqualTo("OK");
        assertThat(c.call("GET", "k")).isNull();
        assertThat(c.call("EXISTS", "k")).isEqualTo(0L);
        assertThat(c.call("CHECK", "k")).isNull();
        assertThat(c.call("DEL", "k")).isEqualTo(new Err("Key not found"));
        assertThat(c.call("GET")).isEqualTo(new Err("Unexpected arguments"));
        assertThat(c.call("SET", "", "v")).isEqualTo(new Err("Invalid argument, key needed"));
        assertThat(c.call("SET", "x".repeat(256), "v")).isEqualTo(new Err("Key too large"));
        assertThat(c.call("FLUSHALL")).isEqualTo(new Err("Command not supported"));
        assertThat(c.text("INFO")).contains("server_name: 0-db (zdb)");
        assertThat(c.call("TIME")).asList().hasSize(2);
    }

    @Test
    void binaryKeysAndLargeValues() throws Exception {
        TestClient c = client(server());
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        key[5] = '\r';
        key[6] = '\n';
        byte[] value = new byte[600_000];
        new Random(2).nextBytes(value);
        assertThat(c.call("SET", key, value)).isEqualTo(key);
        assertThat(c.call("GET", key)).isEqualTo(value);
        assertThat(c.call("EXISTS", key)).isEqualTo(1L);
    }

    @Test
    void namespacesArePrivateAndPasswordProtected() throws Exception {
        ZdbServer s = server();
        TestClient c = client(s);
        assertThat(c.call("NSNEW", "blocks")).isEqualTo("OK");
        assertThat(c.call("NSNEW", "blocks")).isEqualTo(new Err("This namespace is not available"));
        for (String bad : List.of("a/b", "..", ".", "default", "tab\there")) {
            assertThat(c.call("NSNEW", bad)).as(bad).isEqualTo(new Err("This name is not allowed"));
        }
        assertThat(c.call("NSLIST")).asList().containsExactly(bytes("blocks"), bytes("default"));
        assertThat(c.call("NSSET", "blocks", "password", "s3cret")).isEqualTo("OK");
        assertThat(c.call("NSSET", "default", "password", "x")).isEqualTo(new Err("Cannot update default namespace"));
        assertThat(c.call("NSSET", "blocks", "colour", "x")).isEqualTo(new Err("Invalid property"));
        assertThat(c.call("NSSET", "nope", "public", "0")).isEqualTo(new Err("Namespace not found"));
        assertThat(c.call("SET", "k", "in-default")).isEqualTo(bytes("k"));

        // public + password: read-only without the password
        assertThat(c.call("SELECT", "blocks")).isEqualTo("OK");
        assertThat(c.call("SET", "k", "v")).isEqualTo(new Err("Namespace is in read-only mode"));
        assertThat(c.call("GET", "k")).as("namespaces do not share keys").isNull();
        assertThat(c.call("SELECT", "blocks", "wrong")).isEqualTo(new Err("Access denied"));
        assertThat(c.call("SELECT", "blocks", "s3cret")).isEqualTo("OK");
        assertThat(c.call("SET", "k", "in-blocks")).isEqualTo(bytes("k"));
        assertThat(c.call("GET", "k")).isEqualTo(bytes("in-blocks"));
        assertThat(c.text("NSINFO", "blocks")).contains("name: blocks", "entries: 1", "password: yes", "public: yes",
                "mode: userkey", "data_size_bytes: 9");

        assertThat(c.call("NSSET", "blocks", "public", "0")).isEqualTo("OK");
        TestClient other = client(s);
        assertThat(other.call("SELECT", "blocks")).isEqualTo(new Err("Namespace protected and private"));
        assertThat(other.call("SELECT", "missing")).isEqualTo(new Err("Namespace not found"));
        assertThat(other.call("GET", "k")).isEqualTo(bytes("in-default"));
        assertThat(c.call("NSSET", "blocks", "password", "*")).isEqualTo("OK");
        assertThat(other.call("SELECT", "blocks")).isEqualTo("OK");
        assertThat(other.call("SET", "k2", "v")).isEqualTo(bytes("k2"));
    }

    @Test
    void adminPasswordGuardsNamespaceCommands() throws Exception {
        ZdbServer s = server(ZdbConfig.local(data).withAdminPassword("root-pw"));
        TestClient c = client(s);
        assertThat(c.call("NSNEW", "x")).isEqualTo(new Err("Permission denied"));
        assertThat(c.call("SET", "k", "v", "12345")).as("timestamps are for admins").isEqualTo(new Err("Permission denied"));
        assertThat(c.call("AUTH", "nope")).isEqualTo(new Err("Access denied"));
        assertThat(c.call("AUTH", "root-pw")).isEqualTo("OK");
        assertThat(c.call("NSNEW", "x")).isEqualTo("OK");
        assertThat(c.call("SET", "k", "v", "12345")).isEqualTo(bytes("k"));
        assertThat(client(server(ZdbConfig.local(data.resolve("other")))).call("AUTH", "x"))
                .isEqualTo(new Err("Authentication disabled"));
    }

    @Test
    void maxsizeLimitsTheData() throws Exception {
        TestClient c = client(server());
        c.call("NSNEW", "small");
        assertThat(c.call("NSSET", "small", "maxsize", "10")).isEqualTo("OK");
        assertThat(c.call("NSSET", "small", "maxsize", "ten")).isEqualTo(new Err("Invalid value"));
        c.call("SELECT", "small");
        assertThat(c.call("SET", "a", "12345678")).isEqualTo(bytes("a"));
        assertThat(c.call("SET", "b", "12345678")).isEqualTo(new Err("No space left on this namespace"));
        assertThat(c.call("SET", "a", "123456789")).as("replacing counts the old value as freed").isEqualTo(bytes("a"));
        assertThat(c.text("NSINFO", "small")).contains("data_limits_bytes: 10", "space_available: 1");
    }

    @Test
    void protocolErrorsAreAnsweredAndCloseTheConnection() throws Exception {
        ZdbServer s = server();
        TestClient c = client(s);
        assertThat(c.raw("PING\r\n")).as("inline commands work").isEqualTo("PONG");
        assertThat(c.raw("*1\r\n:5\r\n")).isEqualTo(new Err("Protocol error: expected a bulk string ('$'), got ':'"));
        assertThat(c.closedByServer()).isTrue();

        TestClient big = client(s);
        assertThat(big.raw("*2\r\n$3\r\nGET\r\n$999999999\r\n")).asString().startsWith("Err[message=Protocol error: bulk length 999999999 out of range");
        assertThat(big.closedByServer()).isTrue();

        TestClient nan = client(s);
        assertThat(nan.raw("*x\r\n")).isEqualTo(new Err("Protocol error: expected a number, got 'x'"));
        assertThat(nan.closedByServer()).isTrue();

        TestClient many = client(s);
        assertThat(many.raw("*1000\r\n")).isEqualTo(new Err("Protocol error: too many arguments (1000, at most 64)"));

        TestClient greedy = client(s);
        String value = "$" + ZdbConfig.DEFAULT_MAX_VALUE + "\r\n" + "x".repeat(ZdbConfig.DEFAULT_MAX_VALUE) + "\r\n";
        assertThat(greedy.raw("*3\r\n$3\r\nSET\r\n" + value + "$100000\r\n")).asString()
                .startsWith("Err[message=Protocol error: request larger than");

        TestClient fine = client(s);
        assertThat(fine.call("PING")).as("the server survives bad clients").isEqualTo("PONG");
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        ZdbServer s = server();
        TestClient c = client(s);
        c.call("SET", "keep", "1");
        c.call("SET", "gone", "2");
        c.call("SET", "changed", "old");
        c.call("SET", "changed", "new");
        c.call("DEL", "gone");
        c.call("NSNEW", "ns");
        c.call("NSSET", "ns", "password", "pw");
        c.call("NSSET", "ns", "public", "0");
        c.call("SELECT", "ns", "pw");
        c.call("SET", "inside", "3");
        c.close();
        s.close();

        ZdbServer again = server();
        TestClient d = client(again);
        assertThat(d.call("GET", "keep")).isEqualTo(bytes("1"));
        assertThat(d.call("GET", "gone")).isNull();
        assertThat(d.call("GET", "changed")).isEqualTo(bytes("new"));
        assertThat(d.call("DBSIZE")).isEqualTo(2L);
        assertThat(d.call("SELECT", "ns")).isEqualTo(new Err("Namespace protected and private"));
        assertThat(d.call("SELECT", "ns", "pw")).isEqualTo("OK");
        assertThat(d.call("GET", "inside")).isEqualTo(bytes("3"));
    }

    @Test
    void aTornTailIsCutOnOpen() throws Exception {
        ZdbServer s = server();
        TestClient c = client(s);
        c.call("SET", "a", "first value");
        c.call("SET", "b", "second value");
        c.close();
        s.close();
        Path file = data.resolve("default/data");
        long whole;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            whole = f.length();
            // a killed writer: the third record's header made it, its value only half
            f.seek(whole);
            f.write(new byte[] {(byte) 0xDB, 0, 1, 0, 0, 0, 0, 100});
        }

        ZdbServer again = server();
        assertThat(again.namespaces().defaultNamespace().truncatedOnOpen()).isEqualTo(8);
        assertThat(file.toFile().length()).isEqualTo(whole);
        TestClient d = client(again);
        assertThat(d.call("GET", "a")).isEqualTo(bytes("first value"));
        assertThat(d.call("GET", "b")).isEqualTo(bytes("second value"));
        assertThat(d.call("SET", "c", "third value")).isEqualTo(bytes("c"));
        d.close();
        again.close();

        // a torn value of full length (zeros where the data should be) fails its checksum and is cut too
        long beforeC;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            beforeC = whole;
            f.seek(f.length() - 5);
            f.write(new byte[5]);
        }
        ZdbServer third = server();
        assertThat(file.toFile().length()).isEqualTo(beforeC);
        TestClient e = client(third);
        assertThat(e.call("GET", "c")).isNull();
        assertThat(e.call("GET", "b")).isEqualTo(bytes("second value"));
        assertThat(e.call("CHECK", "b")).isEqualTo(1L);
    }

    @Test
    void sequentialModeHandsOutIds() throws Exception {
        TestClient c = client(server());
        c.call("NSNEW", "seq");
        assertThat(c.call("NSSET", "seq", "mode", "bogus")).isEqualTo(new Err("Invalid property value (expected: user, seq)"));
        assertThat(c.call("NSSET", "seq", "mode", "seq")).isEqualTo("OK");
        c.call("SELECT", "seq");
        assertThat(c.call("SET", "", "a")).isEqualTo(new byte[] {0, 0, 0, 0});
        assertThat(c.call("SET", "", "b")).isEqualTo(new byte[] {1, 0, 0, 0});
        assertThat(c.call("SET", new byte[] {0, 0, 0, 0}, "a2")).isEqualTo(new byte[] {0, 0, 0, 0});
        assertThat(c.call("SET", new byte[] {9, 0, 0, 0}, "x")).isEqualTo(new Err("Invalid key, only update authorized"));
        assertThat(c.call("GET", new byte[] {0, 0, 0, 0})).isEqualTo(bytes("a2"));
        assertThat(c.call("NSSET", "seq", "mode", "user")).isEqualTo(new Err("Cannot change mode of used namespace"));
        assertThat(c.text("NSINFO", "seq")).contains("mode: sequential");
    }

    @Test
    void scanWalksLiveKeysInWriteOrder() throws Exception {
        TestClient c = client(server());
        Set<String> expected = new LinkedHashSet<>();
        for (int i = 0; i < 250; i++) {
            c.call("SET", "k" + i, "v" + i);
            expected.add("k" + i);
        }
        for (int i = 0; i < 250; i += 7) {
            c.call("DEL", "k" + i);
            expected.remove("k" + i);
        }
        c.call("SET", "k1", "moved to the end");
        expected.remove("k1");
        expected.add("k1");
        List<String> seen = new ArrayList<>();
        Object r = c.call("SCAN");
        while (r instanceof List<?> page) {
            for (Object item : (List<?>) page.get(1)) {
                List<?> entry = (List<?>) item;
                seen.add(new String((byte[]) entry.get(0), StandardCharsets.UTF_8));
                assertThat(entry.get(1)).isInstanceOf(Long.class);
            }
            r = c.call("SCAN", page.get(0));
        }
        assertThat(r).isEqualTo(new Err("No more data"));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(c.call("SCAN", "bad")).isEqualTo(new Err("Invalid key format"));
    }

    @Test
    void aDeletedNamespaceDropsItsClients() throws Exception {
        ZdbServer s = server();
        TestClient admin = client(s);
        TestClient user = client(s);
        admin.call("NSNEW", "tmp");
        user.call("SELECT", "tmp");
        user.call("SET", "k", "v");
        assertThat(user.call("NSDEL", "tmp")).isEqualTo(new Err("Cannot remove namespace you're currently using."));
        assertThat(admin.call("NSDEL", "default")).isEqualTo(new Err("Cannot remove default namespace"));
        assertThat(admin.call("NSDEL", "tmp")).isEqualTo("OK");
        assertThat(user.call("GET", "k")).isEqualTo(new Err("Your active namespace is not available anymore (probably removed)."));
        assertThat(user.closedByServer()).isTrue();
        assertThat(data.resolve("tmp")).doesNotExist();
        assertThat(admin.call("NSLIST")).asList().containsExactly(bytes("default"));
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        ZdbServer s = server();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    try (TestClient c = new TestClient(s.port())) {
                        for (int i = 0; i < 200; i++) {
                            assertThat(c.call("SET", id + "-" + i, "value " + i)).isEqualTo(bytes(id + "-" + i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        TestClient c = client(s);
        assertThat(c.call("DBSIZE")).isEqualTo(1600L);
        assertThat(c.call("GET", "7-199")).isEqualTo(bytes("value 199"));
        assertThat(Arrays.asList(c.call("CHECK", "3-3"))).containsExactly(1L);
    }
}
