package dev.jobwire.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a job's durable, ordered event log: exactly what is pushed to clients.
 *
 * @param seq       1, 2, 3 … per job, with no gaps
 * @param body      the type-specific fields as a JSON object ({@code percent}, {@code message},
 *                  {@code result}, {@code error} …); never contains {@code type}, {@code jobId},
 *                  {@code seq} or {@code at}
 * @param expiresAt when the event may be removed by TTL; readers treat it as gone from then on
 */
public record JobEvent(JobId jobId, long seq, EventType type, String body, Instant at, Instant expiresAt) {
    public JobEvent {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        body = JsonText.requireObject("body", body);
    }
}
