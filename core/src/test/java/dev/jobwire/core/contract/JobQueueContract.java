package dev.jobwire.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.QueueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} guarantees: each job sent is received at least once, in any order,
 * and a queue that cannot take a message says so with {@link QueueException}.
 */
public abstract class JobQueueContract {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private JobQueue queue;

    /** A new, empty queue for one test. */
    protected abstract JobQueue createQueue();

    /**
     * Receives and acknowledges what the queue made by {@link #createQueue} has ready now,
     * waiting at most briefly; may return nothing.
     */
    protected abstract List<JobId> receive();

    /** Makes the queue made by {@link #createQueue} refuse every later send. */
    protected abstract void breakQueue();

    @BeforeEach
    final void createQueueUnderTest() {
        queue = createQueue();
    }

    @Test
    void send_manyJobs_receivesEachAtLeastOnce() {
        List<JobId> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            JobId jobId = newJobId();
            queue.send(jobId);
            sent.add(jobId);
        }

        List<JobId> received = receiveUntilAllOf(sent);

        assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(sent));
    }

    @Test
    void send_sameJobTwice_isAcceptedAndReceived() {
        JobId jobId = newJobId();
        queue.send(jobId);
        queue.send(jobId);

        assertThat(receiveUntilAllOf(List.of(jobId))).containsOnly(jobId);
    }

    @Test
    void receive_withNothingSent_returnsNothing() {
        assertThat(receive()).isEmpty();
    }

    @Test
    void sendLater_isHeldBackForItsDelayThenReceived() {
        JobId later = newJobId();
        JobId now = newJobId();
        queue.sendLater(later, Duration.ofSeconds(2));
        queue.send(now);
        long sentAt = System.nanoTime();

        List<JobId> first = receiveUntilAllOf(List.of(now));
        List<JobId> received = receiveUntilAllOf(List.of(later));

        if (Duration.ofNanos(System.nanoTime() - sentAt).compareTo(Duration.ofSeconds(2)) < 0) {
            assertThat(first).doesNotContain(later);
        }
        assertThat(received).contains(later);
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void sendLater_beyondTheLimit_isRefused() {
        assertThatThrownBy(() -> queue.sendLater(newJobId(), JobQueue.MAX_DELAY.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.sendLater(newJobId(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void send_toBrokenQueue_throwsQueueException() {
        breakQueue();

        assertThatThrownBy(() -> queue.send(newJobId())).isInstanceOf(QueueException.class);
    }

    private List<JobId> receiveUntilAllOf(List<JobId> expected) {
        List<JobId> received = new ArrayList<>();
        Set<JobId> missing = new HashSet<>(expected);
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<JobId> batch = receive();
            received.addAll(batch);
            batch.forEach(missing::remove);
            return missing.isEmpty();
        });
        return received;
    }

    private static JobId newJobId() {
        return JobId.of(UUID.randomUUID().toString().replace("-", ""));
    }
}
