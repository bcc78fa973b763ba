package dev.jobwire.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ResultStore} must have. Subclasses supply a fresh, empty store. */
public abstract class ResultStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final JobId JOB = JobId.of("01JOBWIRE0000000000000000R");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private ResultStore store;

    protected abstract ResultStore newStore(Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(now::get);
    }

    @Test
    void put_thenGet_returnsTheResult_andPuttingAgainReplacesIt() {
        store.put(JOB, "{\"rows\":[1,2,3]}", T0.plus(Duration.ofDays(1)));
        assertThat(store.get(JOB)).contains("{\"rows\":[1,2,3]}");

        store.put(JOB, "{\"rows\":[1,2,3]}", T0.plus(Duration.ofDays(1)));
        assertThat(store.get(JOB)).contains("{\"rows\":[1,2,3]}");
        assertThat(store.get(JobId.of("01JOBWIRE0000000000000000X"))).isEmpty();
    }

    @Test
    void aResultOfTheLargestSize_isKept() {
        String large = "\"" + "x".repeat(ResultStore.MAX_RESULT_BYTES - 2) + "\"";

        store.put(JOB, large, T0.plus(Duration.ofDays(1)));

        assertThat(store.get(JOB)).contains(large);
    }

    @Test
    void aResultOverTheLimit_orNotJson_isRefused() {
        String tooLarge = "\"" + "x".repeat(ResultStore.MAX_RESULT_BYTES) + "\"";
        assertThatThrownBy(() -> store.put(JOB, tooLarge, T0.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(JOB, "{not json", T0.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResultPastItsExpiry_isAbsent() {
        store.put(JOB, "1", T0.plusSeconds(60));

        now.set(T0.plusSeconds(60));

        assertThat(store.get(JOB)).isEmpty();
    }
}
