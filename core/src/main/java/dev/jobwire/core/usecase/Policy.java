package dev.jobwire.core.usecase;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable rules of a deployment.
 *
 * @param maxAttempts        how many times a job may be started before it ends FAILED; equal to
 *                           the jobs queue's maxReceiveCount, so the queue and the worker agree
 * @param eventRetention     how long job events are kept for resume
 * @param jobRetention       how long jobs are kept after submit
 * @param connectionLifetime how long a connection row lives before TTL may remove it (API
 *                           Gateway's 2-hour maximum plus slack)
 * @param maxReplayEvents    the most events one {@code resume} request replays
 * @param firstRetryDelay    how long a job waits after its first transient failure; each later
 *                           retry waits twice as long as the one before, up to 15 minutes
 * @param replayTime         how long one {@code resume} request may spend replaying, well inside
 *                           API Gateway's 29-second integration timeout
 */
public record Policy(int maxAttempts, Duration eventRetention, Duration jobRetention, Duration connectionLifetime,
                     int maxReplayEvents, Duration firstRetryDelay, Duration replayTime) {
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(15);

    public Policy {
        Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
        Objects.requireNonNull(replayTime, "replayTime");
        if (firstRetryDelay.isNegative() || firstRetryDelay.compareTo(MAX_RETRY_DELAY) > 0) {
            throw new IllegalArgumentException("firstRetryDelay must be within 0..15 minutes");
        }
        Objects.requireNonNull(eventRetention, "eventRetention");
        Objects.requireNonNull(jobRetention, "jobRetention");
        Objects.requireNonNull(connectionLifetime, "connectionLifetime");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (maxReplayEvents < 1) {
            throw new IllegalArgumentException("maxReplayEvents must be >= 1");
        }
        if (eventRetention.isNegative() || eventRetention.isZero() || jobRetention.isNegative()
                || jobRetention.isZero() || connectionLifetime.isNegative() || connectionLifetime.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    public static Policy defaults() {
        return new Policy(3, Duration.ofHours(24), Duration.ofDays(7), Duration.ofMinutes(130), 1000,
                Duration.ofSeconds(10), Duration.ofSeconds(15));
    }

    public Policy withMaxAttempts(int attempts) {
        return new Policy(attempts, eventRetention, jobRetention, connectionLifetime, maxReplayEvents,
                firstRetryDelay, replayTime);
    }

    public Policy withEventRetention(Duration retention) {
        return new Policy(maxAttempts, retention, jobRetention, connectionLifetime, maxReplayEvents, firstRetryDelay,
                replayTime);
    }

    public Policy withFirstRetryDelay(Duration delay) {
        return new Policy(maxAttempts, eventRetention, jobRetention, connectionLifetime, maxReplayEvents, delay,
                replayTime);
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}: exponential, with up to 20% taken off at
     * random (from {@code jitter} in [0, 1)) so that jobs that failed together do not retry together.
     */
    public Duration retryDelay(int failedAttempt, double jitter) {
        long base = firstRetryDelay.toMillis();
        long exponential = base << Math.min(20, Math.max(0, failedAttempt - 1));
        long capped = Math.min(MAX_RETRY_DELAY.toMillis(), exponential);
        return Duration.ofMillis(Math.round(capped * (1 - 0.2 * jitter)));
    }
}
