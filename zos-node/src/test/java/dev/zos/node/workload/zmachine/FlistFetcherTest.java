package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlistFetcherTest {
    private static final byte[] FLIST = "pretend this is an sqlite flist".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path cache;
    private TestHub hub;
    private final FlistFetcher fetcher = new FlistFetcher();

    @BeforeEach
    void start() throws Exception {
        hub = new TestHub();
        hub.put("/alice/app.fl", FLIST);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void checkedAgainstTheHubsMd5AndCachedByIt() throws Exception {
        hub.put("/alice/app.fl.md5", (md5(FLIST) + "\n").getBytes(StandardCharsets.UTF_8));
        var first = fetcher.fetch(hub.url("/alice/app.fl"), cache);
        assertThat(first.md5()).isEqualTo(md5(FLIST));
        assertThat(first.file()).isEqualTo(cache.resolve(md5(FLIST) + ".fl"));
        assertThat(Files.readAllBytes(first.file())).isEqualTo(FLIST);

        var second = fetcher.fetch(hub.url("/alice/app.fl"), cache);
        assertThat(second).isEqualTo(first);
        assertThat(hub.hits("/alice/app.fl")).as("served from the cache").isEqualTo(1);
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).containsExactly(first.file());
        }
    }

    @Test
    void withoutMd5TheFileIsDownloadedAndCachedUnderItsOwnMd5() throws Exception {
        var f = fetcher.fetch(hub.url("/alice/app.fl"), cache);
        assertThat(f.md5()).isEqualTo(md5(FLIST));
        assertThat(Files.readAllBytes(f.file())).isEqualTo(FLIST);
    }

    @Test
    void aMismatchIsRefusedAndNothingIsCached() throws Exception {
        hub.put("/alice/app.fl.md5", "0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> fetcher.fetch(hub.url("/alice/app.fl"), cache))
                .isInstanceOf(ZosException.class)
                .hasMessageContaining("md5 mismatch: the hub says 0123456789abcdef0123456789abcdef but the downloaded file has "
                        + md5(FLIST));
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void badAnswersAreClearErrors() {
        hub.put("/alice/app.fl.md5", "<html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> fetcher.fetch(hub.url("/alice/app.fl"), cache))
                .hasMessageContaining("not an MD5 (expected 32 hex digits, got '<html>')");
        assertThatThrownBy(() -> fetcher.fetch(hub.url("/alice/missing.fl"), cache))
                .isInstanceOf(ZosException.class).hasMessageContaining("does not exist on the hub (HTTP 404)");
    }
}
