package dev.jobwire.core.port;

import dev.jobwire.core.model.JobId;

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
}
