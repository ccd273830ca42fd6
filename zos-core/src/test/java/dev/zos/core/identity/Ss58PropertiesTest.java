package dev.zos.core.identity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

class Ss58PropertiesTest {

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    @Property(tries = 300)
    void addressesRoundTrip(@ForAll("keys") byte[] key, @ForAll @IntRange(min = 0, max = 63) int prefix) {
        String address = Ss58.encode(key, prefix);
        assertThat(Ss58.decode(address)).isEqualTo(new Ss58.Decoded(prefix, key));
    }

    @Property(tries = 300)
    void base58RoundTrips(@ForAll @Size(max = 64) byte[] data) {
        assertThat(Base58.decode(Base58.encode(data), "test")).isEqualTo(data);
    }

    @Property(tries = 100)
    void twinKeyRendersTheSameAddressAsSs58(@ForAll("keys") byte[] seed) {
        var key = TwinKey.fromSeed(seed);
        assertThat(key.ss58Address()).isEqualTo(Ss58.encode(key.publicKey()));
        assertThat(Ss58.decode(key.ss58Address()).publicKeyHex()).isEqualTo(key.publicKeyHex());
    }
}
