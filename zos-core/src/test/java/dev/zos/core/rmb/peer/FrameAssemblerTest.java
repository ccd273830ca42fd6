package dev.zos.core.rmb.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {
    private static ByteBuffer bytes(int n) {
        return ByteBuffer.wrap(new byte[n]);
    }

    @Test
    void joinsFragments() {
        var assembler = new FrameAssembler(10);
        assertThat(assembler.append(ByteBuffer.wrap(new byte[] {1, 2}), false)).isEmpty();
        assertThat(assembler.append(ByteBuffer.wrap(new byte[] {3}), true)).hasValueSatisfying(
                m -> assertThat(m).containsExactly(1, 2, 3));
    }

    @Test
    void dropsAnOversizedMessageAndKeepsTheNextOne() {
        var assembler = new FrameAssembler(10);
        assertThat(assembler.append(bytes(8), false)).isEmpty();
        assertThat(assembler.append(bytes(8), false)).isEmpty();
        assertThat(assembler.append(bytes(8), true)).isEmpty();
        assertThat(assembler.append(bytes(10), true)).hasValueSatisfying(m -> assertThat(m).hasSize(10));
        assertThat(assembler.append(bytes(11), true)).isEmpty();
    }
}
