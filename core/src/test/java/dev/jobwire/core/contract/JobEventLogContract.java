package dev.jobwire.core.contract;

import static dev.jobwire.core.contract.Race.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobwire.core.model.EventType;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobEventLog} must have. Subclasses supply a fresh, empty log reading
 * the given clock.
 */
public abstract class JobEventLogContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofDays(7));
    private static final JobId JOB = JobId.of("01JOBWIRE0000000000000000A");
    private static final JobId OTHER = JobId.of("01JOBWIRE0000000000000000B");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private JobEventLog log;

    protected abstract JobEventLog newLog(Clock clock);

    @BeforeEach
    void createLog() {
        log = newLog(now::get);
    }

    @Test
    void append_thenRead_returnsTheEventAsWritten() {
        JobEvent event = new JobEvent(JOB, 1, EventType.PROGRESS, "{\"percent\":25,\"message\":\"loading\"}",
                T0.plusMillis(17), EXPIRES);

        assertThat(log.append(event)).isTrue();

        assertThat(log.read(JOB, 0, 10)).containsExactly(event);
    }

    @Test
    void append_everyEventType_roundTrips() {
        List<JobEvent> events = List.of(
                new JobEvent(JOB, 1, EventType.PROGRESS, "{\"percent\":0,\"message\":\"start\"}", T0, EXPIRES),
                new JobEvent(JOB, 2, EventType.SUCCEEDED, "{\"result\":{\"rows\":[1,2]}}", T0, EXPIRES),
                new JobEvent(JOB, 3, EventType.FAILED, "{\"error\":{\"code\":\"x\",\"message\":\"y\"},\"attempts\":2}",
                        T0, EXPIRES),
                new JobEvent(JOB, 4, EventType.CANCELLED, "{}", T0, EXPIRES));

        events.forEach(log::append);

        assertThat(log.read(JOB, 0, 10)).containsExactlyElementsOf(events);
    }

    @Test
    void append_withTakenSeq_returnsFalseAndWritesNothing() {
        JobEvent first = progress(JOB, 1);
        log.append(first);
        JobEvent impostor = new JobEvent(JOB, 1, EventType.FAILED, "{\"error\":{\"code\":\"other\"}}",
                T0.plusSeconds(9), EXPIRES.plusSeconds(9));

        assertThat(log.append(impostor)).isFalse();

        assertThat(log.read(JOB, 0, 10)).containsExactly(first);
        assertThat(log.latest(JOB)).contains(first);
    }

    @Test
    void append_sameSeqForAnotherJob_isIndependent() {
        assertThat(log.append(progress(JOB, 1))).isTrue();
        assertThat(log.append(progress(OTHER, 1))).isTrue();

        assertThat(log.read(JOB, 0, 10)).containsExactly(progress(JOB, 1));
        assertThat(log.read(OTHER, 0, 10)).containsExactly(progress(OTHER, 1));
    }

    @Test
    void append_racedForOneSeq_exactlyOneWins() throws Exception {
        List<Boolean> wins = race(i -> log.append(new JobEvent(JOB, 1, EventType.PROGRESS,
                "{\"writer\":" + i + "}", T0, EXPIRES)));

        assertThat(wins).containsOnlyOnce(true);
        int winner = wins.indexOf(true);
        assertThat(log.read(JOB, 0, 10)).extracting(JobEvent::body).containsExactly("{\"writer\":" + winner + "}");
    }

    @Test
    void read_returnsEventsAfterSeqInAscendingOrderUpToLimit() {
        for (long seq : new long[] {3, 1, 5, 2, 4}) {
            log.append(progress(JOB, seq));
        }

        assertThat(log.read(JOB, 0, 10)).extracting(JobEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.read(JOB, 2, 10)).extracting(JobEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(log.read(JOB, 1, 2)).extracting(JobEvent::seq).containsExactly(2L, 3L);
        assertThat(log.read(JOB, 5, 10)).isEmpty();
    }

    @Test
    void read_pagesThroughALongLog() {
        LongStream.rangeClosed(1, 250).forEach(seq -> log.append(progress(JOB, seq)));

        List<Long> seen = new ArrayList<>();
        long after = 0;
        List<JobEvent> page;
        while (!(page = log.read(JOB, after, 100)).isEmpty()) {
            page.forEach(e -> seen.add(e.seq()));
            after = page.get(page.size() - 1).seq();
        }

        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
    }

    @Test
    void read_unknownJob_returnsEmpty() {
        log.append(progress(OTHER, 1));

        assertThat(log.read(JOB, 0, 10)).isEmpty();
    }

    @Test
    void read_withBadArguments_isRejected() {
        assertThatThrownBy(() -> log.read(JOB, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.read(JOB, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latest_returnsTheHighestSeq() {
        log.append(progress(JOB, 1));
        log.append(progress(JOB, 3));
        log.append(progress(JOB, 2));
        log.append(progress(OTHER, 9));

        assertThat(log.latest(JOB)).contains(progress(JOB, 3));
    }

    @Test
    void latest_unknownJob_returnsEmpty() {
        assertThat(log.latest(JOB)).isEmpty();
    }

    @Test
    void expiredEvents_areHiddenFromReadAndLatest() {
        JobEvent kept = new JobEvent(JOB, 1, EventType.PROGRESS, "{}", T0, T0.plus(Duration.ofDays(2)));
        JobEvent expiring = new JobEvent(JOB, 2, EventType.PROGRESS, "{}", T0, T0.plus(Duration.ofDays(1)));
        JobEvent alsoKept = new JobEvent(JOB, 3, EventType.PROGRESS, "{}", T0, T0.plus(Duration.ofDays(2)));
        JobEvent newestExpiring = new JobEvent(JOB, 4, EventType.SUCCEEDED, "{}", T0, T0.plus(Duration.ofDays(1)));
        List.of(kept, expiring, alsoKept, newestExpiring).forEach(log::append);

        now.set(T0.plus(Duration.ofDays(1)).minusMillis(1));
        assertThat(log.read(JOB, 0, 10)).containsExactly(kept, expiring, alsoKept, newestExpiring);
        assertThat(log.latest(JOB)).contains(newestExpiring);

        now.set(T0.plus(Duration.ofDays(1)));
        assertThat(log.read(JOB, 0, 10)).containsExactly(kept, alsoKept);
        assertThat(log.read(JOB, 0, 1)).containsExactly(kept);
        assertThat(log.read(JOB, 1, 1)).containsExactly(alsoKept);
        assertThat(log.latest(JOB)).contains(alsoKept);

        now.set(T0.plus(Duration.ofDays(2)));
        assertThat(log.read(JOB, 0, 10)).isEmpty();
        assertThat(log.latest(JOB)).isEmpty();
    }

    @Test
    void expiresAtBetweenWholeSeconds_isKeptWithinOneSecondAndHonoured() {
        Instant expiresAt = EXPIRES.plusMillis(750);
        log.append(new JobEvent(JOB, 1, EventType.PROGRESS, "{}", T0, expiresAt));

        Instant stored = log.latest(JOB).orElseThrow().expiresAt();

        // Stores with whole-second TTL attributes may round up, never down and never by a second.
        assertThat(stored).isBetween(expiresAt, expiresAt.plusMillis(999));
        now.set(expiresAt.minusMillis(1));
        assertThat(log.read(JOB, 0, 10)).hasSize(1);
        now.set(stored);
        assertThat(log.read(JOB, 0, 10)).isEmpty();
        assertThat(log.latest(JOB)).isEmpty();
    }

    private static JobEvent progress(JobId jobId, long seq) {
        return new JobEvent(jobId, seq, EventType.PROGRESS, "{\"percent\":" + Math.min(seq, 100) + "}",
                T0.plusMillis(seq), EXPIRES);
    }
}
