package dev.jobwire.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.model.JobId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidGeneratorTest {

    @Test
    void newId_isAValidJobIdThatSortsByTime() {
        UlidGenerator early = new UlidGenerator(() -> Instant.ofEpochMilli(1_000_000));
        UlidGenerator late = new UlidGenerator(() -> Instant.ofEpochMilli(2_000_000));

        String a = early.newId();
        String b = late.newId();

        assertThat(a).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(JobId.isValid(a)).isTrue();
        assertThat(a.compareTo(b)).isNegative();
    }

    @Test
    void newId_neverRepeatsInTheSameMillisecond() {
        UlidGenerator generator = new UlidGenerator(() -> Instant.ofEpochMilli(5));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.newId());
        }
        assertThat(ids).hasSize(10_000);
    }
}
