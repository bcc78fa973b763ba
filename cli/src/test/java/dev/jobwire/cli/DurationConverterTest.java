package dev.jobwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void parse_humanForms_addUp() {
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationConverter.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(DurationConverter.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(DurationConverter.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void parse_nonsense_isRefusedWithAnExample() {
        for (String bad : new String[] {"", "5", "5x", "m5", "1h 30m", "-5s", "PT-5S"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad), bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("90s");
        }
    }
}
