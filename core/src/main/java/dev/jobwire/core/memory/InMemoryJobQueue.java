package dev.jobwire.core.memory;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.QueueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobQueue} held in memory, for tests and single-process use. Thread-safe. Jobs are
 * handed out in the order they were sent and each exactly once; sending the same job twice
 * enqueues it twice, as a standard SQS queue would. Every job passes through {@link QueueCodec},
 * so what a consumer takes out is exactly what a real queue would carry. A job sent with a delay
 * is held back until the clock passes its delay. It can be made unavailable to exercise the
 * failure path of callers.
 */
public final class InMemoryJobQueue implements JobQueue {
    private final LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final List<Delayed> delayed = new ArrayList<>();
    private final Clock clock;
    private volatile boolean unavailable;

    private record Delayed(String body, Instant visibleAt) {
    }

    public InMemoryJobQueue() {
        this(Clock.system());
    }

    public InMemoryJobQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void send(JobId jobId) {
        String body = QueueCodec.encodeJob(jobId);
        if (unavailable) {
            throw new QueueException("job queue is unavailable; job " + jobId + " was not enqueued", null);
        }
        bodies.add(body);
    }

    @Override
    public void sendLater(JobId jobId, Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be within 0.." + MAX_DELAY + ", was " + delay);
        }
        String body = QueueCodec.encodeJob(jobId);
        if (unavailable) {
            throw new QueueException("job queue is unavailable; job " + jobId + " was not enqueued", null);
        }
        long seconds = (delay.toMillis() + 999) / 1000;
        synchronized (delayed) {
            delayed.add(new Delayed(body, clock.now().plusSeconds(seconds)));
        }
    }

    /** Moves delayed jobs whose time has come to the ready queue. */
    private void release() {
        Instant now = clock.now();
        synchronized (delayed) {
            delayed.removeIf(d -> {
                if (!d.visibleAt().isAfter(now)) {
                    bodies.add(d.body());
                    return true;
                }
                return false;
            });
        }
    }

    /** How many delayed jobs are still held back. */
    public int delayedSize() {
        release();
        synchronized (delayed) {
            return delayed.size();
        }
    }

    /** Takes the oldest job, if any, without waiting. */
    public Optional<JobId> poll() {
        release();
        return Optional.ofNullable(bodies.poll()).map(QueueCodec::decodeJob);
    }

    /** Takes the oldest job, waiting up to {@code timeout} for one to arrive. */
    public Optional<JobId> poll(Duration timeout) throws InterruptedException {
        release();
        return Optional.ofNullable(bodies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS)).map(QueueCodec::decodeJob);
    }

    /** Takes every waiting job, oldest first. */
    public List<JobId> drain() {
        release();
        List<String> taken = new ArrayList<>();
        bodies.drainTo(taken);
        return taken.stream().map(QueueCodec::decodeJob).toList();
    }

    /** How many jobs wait to be taken. */
    public int size() {
        release();
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
