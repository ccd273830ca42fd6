package dev.zos.flistctl.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTextTest {

    @Test
    void passwordsAreMaskedAndEverythingElseKept() {
        assertThat(RouteText.masked("s3://key:secret@host:9000/bucket?region=x"))
                .isEqualTo("s3://key:***@host:9000/bucket?region=x");
        assertThat(RouteText.masked("zdb://user:p%40ss@host:9900/ns")).isEqualTo("zdb://user:***@host:9900/ns");
        assertThat(RouteText.masked("zdb://user@host/ns")).isEqualTo("zdb://user@host/ns");
        assertThat(RouteText.masked("dir:///srv/blocks")).isEqualTo("dir:///srv/blocks");
    }
}
