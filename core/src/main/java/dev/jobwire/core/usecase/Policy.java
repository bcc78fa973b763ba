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
 */
public record Policy(int maxAttempts, Duration eventRetention, Duration jobRetention, Duration connectionLifetime,
                     int maxReplayEvents) {
    public Policy {
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
        return new Policy(3, Duration.ofHours(24), Duration.ofDays(7), Duration.ofMinutes(130), 1000);
    }

    public Policy withMaxAttempts(int attempts) {
        return new Policy(attempts, eventRetention, jobRetention, connectionLifetime, maxReplayEvents);
    }

    public Policy withEventRetention(Duration retention) {
        return new Policy(maxAttempts, retention, jobRetention, connectionLifetime, maxReplayEvents);
    }
}
