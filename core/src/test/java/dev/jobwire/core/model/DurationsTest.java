package dev.jobwire.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parse_humanForms_addUp() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse(" 10M ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void parse_nonsense_isRefusedWithAnExample() {
        for (String bad : new String[] {"", "5", "5x", "m5", "1h 30m", "-5s", "PT-5S", "99999999999999999999s"}) {
            assertThatThrownBy(() -> Durations.parse(bad), bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("90s");
        }
    }
}
