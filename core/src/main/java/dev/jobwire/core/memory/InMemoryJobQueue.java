package dev.jobwire.core.memory;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.QueueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobQueue} held in memory, for tests and single-process use. Thread-safe. Jobs are
 * handed out in the order they were sent and each exactly once; sending the same job twice
 * enqueues it twice, as a standard SQS queue would. Every job passes through {@link QueueCodec},
 * so what a consumer takes out is exactly what a real queue would carry. It can be made
 * unavailable to exercise the failure path of callers.
 */
public final class InMemoryJobQueue implements JobQueue {
    private final LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private volatile boolean unavailable;

    @Override
    public void send(JobId jobId) {
        String body = QueueCodec.encodeJob(jobId);
        if (unavailable) {
            throw new QueueException("job queue is unavailable; job " + jobId + " was not enqueued", null);
        }
        bodies.add(body);
    }

    /** Takes the oldest job, if any, without waiting. */
    public Optional<JobId> poll() {
        return Optional.ofNullable(bodies.poll()).map(QueueCodec::decodeJob);
    }

    /** Takes the oldest job, waiting up to {@code timeout} for one to arrive. */
    public Optional<JobId> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(bodies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS)).map(QueueCodec::decodeJob);
    }

    /** Takes every waiting job, oldest first. */
    public List<JobId> drain() {
        List<String> taken = new ArrayList<>();
        bodies.drainTo(taken);
        return taken.stream().map(QueueCodec::decodeJob).toList();
    }

    /** How many jobs wait to be taken. */
    public int size() {
        return bodies.size();
    }

    /** From now on every {@link #send} throws {@link QueueException} until {@link #makeAvailable}. */
    public void makeUnavailable() {
        unavailable = true;
    }

    public void makeAvailable() {
        unavailable = false;
    }
}
