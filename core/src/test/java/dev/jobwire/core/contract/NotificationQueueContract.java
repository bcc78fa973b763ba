package dev.jobwire.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.QueueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationQueue} guarantees: order per job across interleaved jobs, a
 * repeated ({@code jobId}, {@code seq}) within the deduplication window delivered once, and
 * bodies that survive the trip through {@link QueueCodec} unchanged.
 */
public abstract class NotificationQueueContract {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final UserId USER = UserId.of("user-1");

    private NotificationQueue queue;

    /** A new, empty queue for one test. */
    protected abstract NotificationQueue createQueue();

    /**
     * Receives and acknowledges what the queue made by {@link #createQueue} has ready now, in
     * delivery order, waiting at most briefly; may return nothing. Implementations decode bodies
     * with {@link QueueCodec#decodeNotification}.
     */
    protected abstract List<Notification> receive();

    /** Makes the queue made by {@link #createQueue} refuse every later publish. */
    protected abstract void breakQueue();

    @BeforeEach
    final void createQueueUnderTest() {
        queue = createQueue();
    }

    @Test
    void publish_interleavedJobs_keepsOrderPerJob() {
        List<JobId> jobs = List.of(newJobId(), newJobId(), newJobId());
        int perJob = 8;
        for (long seq = 1; seq <= perJob; seq++) {
            for (JobId jobId : jobs) {
                queue.publish(progress(jobId, seq));
            }
        }

        List<Notification> received = receiveUntil(all -> all.size() >= jobs.size() * perJob);

        Map<JobId, List<Long>> seqsByJob = received.stream().collect(Collectors.groupingBy(
                Notification::jobId, Collectors.mapping(Notification::seq, Collectors.toList())));
        List<Long> expected = LongStream.rangeClosed(1, perJob).boxed().toList();
        assertThat(seqsByJob).containsOnlyKeys(jobs);
        jobs.forEach(jobId -> assertThat(seqsByJob.get(jobId)).as("seqs of %s", jobId).isEqualTo(expected));
    }

    @Test
    void publish_sameJobAndSeqAgain_deliversItOnce() {
        JobId jobId = newJobId();
        Notification first = new Notification(jobId, USER, 1, "{\"type\":\"progress\",\"percent\":10}");
        queue.publish(first);
        queue.publish(new Notification(jobId, USER, 1, "{\"type\":\"progress\",\"percent\":10,\"again\":true}"));
        Notification second = progress(jobId, 2);
        queue.publish(second);

        List<Notification> received = receiveUntil(all -> all.contains(second));

        assertThat(received).containsExactly(first, second);
    }

    @Test
    void publish_sameSeqOfAnotherJob_isNotADuplicate() {
        Notification ofOneJob = progress(newJobId(), 1);
        Notification ofAnotherJob = progress(newJobId(), 1);
        queue.publish(ofOneJob);
        queue.publish(ofAnotherJob);

        List<Notification> received = receiveUntil(all -> all.size() >= 2);

        assertThat(received).containsExactlyInAnyOrder(ofOneJob, ofAnotherJob);
    }

    @Test
    void publish_unicodeAndLargeFrames_arriveUnchanged() {
        JobId jobId = newJobId();
        Notification unicode = new Notification(jobId, USER, 1,
                "{\"type\":\"progress\",\"message\":\"déjà vu — 東京 ✓ \\\"quoted\\\" 🚀\\n\"}");
        Notification large = new Notification(jobId, USER, 2,
                "{\"type\":\"succeeded\",\"result\":\"" + "x".repeat(100 * 1024) + "\"}");
        queue.publish(unicode);
        queue.publish(large);

        List<Notification> received = receiveUntil(all -> all.size() >= 2);

        assertThat(received).containsExactly(unicode, large);
    }

    @Test
    void publish_toBrokenQueue_throwsQueueException() {
        breakQueue();

        assertThatThrownBy(() -> queue.publish(progress(newJobId(), 1))).isInstanceOf(QueueException.class);
    }

    private List<Notification> receiveUntil(Predicate<List<Notification>> done) {
        List<Notification> received = new ArrayList<>();
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            received.addAll(receive());
            return done.test(received);
        });
        return received;
    }

    private static Notification progress(JobId jobId, long seq) {
        return new Notification(jobId, USER, seq,
                "{\"type\":\"progress\",\"jobId\":\"" + jobId + "\",\"seq\":" + seq + "}");
    }

    private static JobId newJobId() {
        return JobId.of(UUID.randomUUID().toString().replace("-", ""));
    }
}
