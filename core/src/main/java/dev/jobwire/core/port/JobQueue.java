package dev.jobwire.core.port;

import dev.jobwire.core.model.JobId;
import java.time.Duration;

/**
 * Hands jobs to the workers. At-least-once: a job may be delivered more than once and in any
 * order, so workers are idempotent. A message that keeps failing ends in a dead-letter queue.
 */
public interface JobQueue {

    /**
     * Enqueues the job durably before returning.
     *
     * @throws QueueException if the queue did not accept the message
     */
    void send(JobId jobId);

    /** The longest delay {@link #sendLater} accepts: SQS's DelaySeconds limit. */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * Enqueues the job durably before returning, to be delivered no earlier than {@code delay}
     * from now (the delay is rounded up to whole seconds).
     *
     * @throws IllegalArgumentException if the delay is negative or above {@link #MAX_DELAY}
     * @throws QueueException           if the queue did not accept the message
     */
    void sendLater(JobId jobId, Duration delay);
}
