package dev.zos.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Blake2b256Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void knownAnswersOnBothBackends() {
        for (Blake2b256 h : new Blake2b256[] {Blake2b256.create(), Blake2b256.portable()}) {
            assertThat(hex(h.hash(new byte[0])))
                    .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
            assertThat(hex(h.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
        }
    }

    @Test
    void nativeAndPortableAgreeOnSlicesOfEverySize() {
        assumeThat(Blake2b256.nativeAvailable()).as("libsodium is installed").isTrue();
        Random random = new Random(7);
        byte[] data = new byte[3 * 512 * 1024];
        random.nextBytes(data);
        Blake2b256 fast = Blake2b256.create();
        Blake2b256 portable = Blake2b256.portable();
        int[] sizes = {0, 1, 127, 128, 129, 4096, 524287, 524288, 524289};
        for (int size : sizes) {
            int off = random.nextInt(data.length - size + 1);
            assertThat(hex(fast.hash(data, off, size))).as("size %d at %d", size, off)
                    .isEqualTo(hex(portable.hash(data, off, size)));
        }
    }

    @Test
    void buffersHashLikeArraysOnBothBackendsDirectOrNot() {
        Random random = new Random(11);
        byte[] data = new byte[200_000];
        random.nextBytes(data);
        String expected = hex(Blake2b256.portable().hash(data, 5, 150_000));
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(data.length).put(data).flip();
        for (Blake2b256 h : new Blake2b256[] {Blake2b256.create(), Blake2b256.portable()}) {
            assertThat(hex(h.hash(java.nio.ByteBuffer.wrap(data, 5, 150_000)))).isEqualTo(expected);
            java.nio.ByteBuffer d = direct.duplicate().position(5).limit(150_005);
            assertThat(hex(h.hash(d))).isEqualTo(expected);
            assertThat(d.hasRemaining()).as("consumed").isFalse();
            assertThat(hex(h.hash(java.nio.ByteBuffer.allocateDirect(0))))
                    .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
        }
    }

    @Test
    void ciMachinesHaveTheNativeBackend() {
        // scripts/test installs libsodium23; a CI run on the slow path would hide a packaging regression
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Blake2b256.backend()).isEqualTo("libsodium");
        }
    }
}
