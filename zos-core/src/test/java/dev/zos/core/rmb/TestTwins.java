package dev.zos.core.rmb;

import dev.zos.core.identity.TwinKey;
import java.util.Arrays;

/** Deterministic twin keys for tests. */
public final class TestTwins {
    private TestTwins() {
    }

    public static TwinKey key(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        seed[0] = (byte) 0x5a;
        return TwinKey.fromSeed(seed);
    }
}
