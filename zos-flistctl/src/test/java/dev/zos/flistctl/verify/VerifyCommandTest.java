package dev.zos.flistctl.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class VerifyCommandTest {

    @Test
    void theErrorLineNamesAtMostTenFiles() {
        assertThat(VerifyCommand.firstFew(List.of("/a", "/b"))).isEqualTo("/a, /b");
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "/f" + i).toList();
        assertThat(VerifyCommand.firstFew(many)).startsWith("/f0, /f1,").contains("/f9 and 15 more").doesNotContain("/f10");
    }
}
