package dev.zos.flist.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;

import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3StoreTest {

    static S3Proxy proxy;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.shared();
    }

    private static byte[] id(int first) {
        byte[] id = new byte[32];
        java.util.Arrays.fill(id, (byte) 0x33);
        id[0] = (byte) first;
        return id;
    }

    @Test
    void urlsAreReadAsRfsReadsThem() {
        S3Url u = S3Url.parse("s3s://minio%2Fadmin:min:io@s3.example.com:9000/mybucket?region=minio");
        assertThat(u.tls()).isTrue();
        assertThat(u.endpoint()).isEqualTo(URI.create("https://s3.example.com:9000"));
        assertThat(u.accessKey()).isEqualTo("minio/admin");
        assertThat(u.secretKey()).isEqualTo("min:io");
        assertThat(u.bucket()).isEqualTo("mybucket");
        assertThat(u.region()).isEqualTo("minio");
        assertThat(u.toString()).doesNotContain("min:io");
        assertThat(S3Url.parse("s3://a:b@127.0.0.1:9000/bkt").endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(S3Url.parse("s3://a:b@127.0.0.1:9000/bkt").region()).isEqualTo("us-east-1");
        assertThat(S3Url.parse("s3+tls://a:b@h:1/bkt").tls()).isTrue();
        assertThatThrownBy(() -> S3Url.parse("s3://a:secret@h/bkt")).hasMessageContaining("give the port explicitly")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> S3Url.parse("s3://a:secret@h:9000/")).hasMessageContaining("no bucket");
        assertThatThrownBy(() -> S3Url.parse("s3://a:secret@h:9000/Bad_Bucket")).hasMessageContaining("is not a bucket name");
        assertThatThrownBy(() -> S3Url.parse("s3://h:9000/bkt")).hasMessageContaining("ACCESS:SECRET");
    }

    @Test
    void blocksAreHexNamedObjectsInTheBucket() throws Exception {
        try (BlockStore s = Stores.defaults().open(proxy.url("layout"))) {
            s.set(id(0xab), new byte[] {1, 2, 3});
        }
        Path object = proxy.blobs().resolve("layout/" + HexFormat.of().formatHex(id(0xab)));
        assertThat(object).as("s3proxy's filesystem backend keeps objects as files").hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void aWrongSecretIsForbiddenAndNotShown() {
        String url = "s3://" + S3Proxy.ACCESS + ":wrong-secret@127.0.0.1:" + proxy.port() + "/denied";
        try (BlockStore s = Stores.defaults().open(url)) {
            assertThatThrownBy(() -> s.get(id(1))).isInstanceOf(ZosException.class)
                    .satisfies(e -> assertThat(((ZosException) e).kind()).isEqualTo(ZosException.Kind.FORBIDDEN))
                    .hasMessageContaining("store s3://" + S3Proxy.ACCESS + "@127.0.0.1:" + proxy.port() + "/denied denied access")
                    .hasMessageNotContaining("wrong-secret");
            assertThatThrownBy(() -> s.set(id(1), new byte[] {1})).isInstanceOf(ZosException.class)
                    .hasMessageContaining("denied access");
        }
    }
}
