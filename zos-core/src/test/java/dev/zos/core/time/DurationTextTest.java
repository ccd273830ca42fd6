package dev.zos.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @Test
    void readsEveryForm() {
        assertThat(DurationText.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("40m")).isEqualTo(Duration.ofMinutes(40));
        assertThat(DurationText.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("1d2h3m4s5ms")).isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5));
        assertThat(DurationText.parse("PT40M")).isEqualTo(Duration.ofMinutes(40));
        assertThat(DurationText.parse("0s")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "m", "5x", "-5s", "5 m", "1.5h", "PT-5M", "h5", "5m-", "9999999999999s"})
    void refusesAnythingElseNamingTheForms(String bad) {
        assertThatThrownBy(() -> DurationText.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("90s, 5m, 1h30m or 500ms");
    }

}
