package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void splitsOnBlanksAndKeepsQuotedTextTogether() {
        assertThat(ShellWords.split("/bin/sh -c 'echo hi; sleep 1'  \"a \\\"b\\\" $c\" d\\ e"))
                .containsExactly("/bin/sh", "-c", "echo hi; sleep 1", "a \"b\" $c", "d e");
        assertThat(ShellWords.split("  ")).isEmpty();
        assertThat(ShellWords.split("x '' y")).containsExactly("x", "", "y");
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThatThrownBy(() -> ShellWords.split("sh -c 'echo")).isInstanceOf(ZosException.class)
                .hasMessageContaining("unterminated single quote at character 7");
        assertThatThrownBy(() -> ShellWords.split("\"x")).hasMessageContaining("unterminated double quote");
        assertThatThrownBy(() -> ShellWords.split("x\\")).hasMessageContaining("lone backslash");
    }
}
