package dev.zos.flist.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.flist.meta.BlockRef;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlockCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private final BlockCodec codec = new BlockCodec();

    @Test
    void knownAnswerSmallText() {
        byte[] plain = "some random data to store".getBytes(StandardCharsets.US_ASCII);
        BlockCodec.Encoded e = codec.encode(plain, 0, plain.length);
        assertThat(HEX.formatHex(e.ref().key()))
                .isEqualTo("b83d15e3b4175fe39f3e86c7b3ed233167c37d779970e6137e7a8d1ddf865fae");
        assertThat(e.length()).isEqualTo(27 + 16);
        assertThat(HEX.formatHex(e.ref().id()))
                .isEqualTo("d9a070eafd4626be8b079980dbc0a2ed7c3355cd600b70ad6408467281af5ab7");
        assertThat(codec.decode(e.ref(), e.bytes())).isEqualTo(plain);
    }

    @Test
    void knownAnswerZeroBlock() {
        byte[] plain = new byte[BlockCodec.BLOCK_SIZE];
        BlockCodec.Encoded e = codec.encode(plain, 0, plain.length);
        assertThat(HEX.formatHex(e.ref().key()))
                .isEqualTo("0a93174557b2e0668f2531531415142280358ee32605d059dab1ce8ebbb1cc01");
        assertThat(e.length()).isEqualTo(24611);
        assertThat(HEX.formatHex(e.ref().id()))
                .isEqualTo("e8fd6b2d9a2e8851d12163c43f3024c31fcac6b486bceacf042d323f8e6f6640");
        assertThat(codec.decode(e.ref(), e.bytes())).isEqualTo(plain);
    }

    @Test
    void equalPlaintextGivesEqualCiphertextEvenTwiceInARow() {
        byte[] plain = new byte[1000];
        new Random(1).nextBytes(plain);
        byte[] a = codec.encode(plain, 0, plain.length).bytes();
        byte[] b = codec.encode(plain, 0, plain.length).bytes();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void tamperedCiphertextIsRejectedByItsId() {
        byte[] plain = "hello".getBytes(StandardCharsets.US_ASCII);
        BlockCodec.Encoded e = codec.encode(plain, 0, plain.length);
        byte[] bad = e.bytes();
        bad[3] ^= 1;
        assertThatThrownBy(() -> codec.decode(e.ref(), bad))
                .isInstanceOf(BlockCorruptException.class)
                .hasMessageContaining("corrupt block " + e.ref().idHex())
                .hasMessageContaining("does not match its id");
    }

    @Test
    void wrongKeyFailsTheTagCheck() {
        byte[] plain = "hello".getBytes(StandardCharsets.US_ASCII);
        BlockCodec.Encoded e = codec.encode(plain, 0, plain.length);
        byte[] otherKey = e.ref().key().clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> codec.decode(new BlockRef(e.ref().id(), otherKey), e.bytes()))
                .isInstanceOf(BlockCorruptException.class)
                .hasMessageContaining("authentication tag");
    }

    @Property(tries = 50)
    void roundTrip(@ForAll @Size(max = 3000) byte[] plain) {
        BlockCodec c = new BlockCodec();
        BlockCodec.Encoded e = c.encode(plain, 0, plain.length);
        assertThat(c.decode(e.ref(), e.bytes())).isEqualTo(plain);
    }
}
