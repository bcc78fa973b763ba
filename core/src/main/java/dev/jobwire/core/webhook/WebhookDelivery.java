package dev.jobwire.core.webhook;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one job's webhook stands: which event it carries, how many attempts were made and how
 * the last one ended. Shown to the job's owner in {@code GET /jobs/{id}} (never the URL itself).
 *
 * @param eventId        the {@code Jobwire-Event-Id} the receiver deduplicates on
 * @param seq            the seq of the terminal event being delivered
 * @param status         PENDING while attempts remain, then DELIVERED or FAILED for good
 * @param attempts       attempts started so far
 * @param attemptStartedAt when the last attempt started; null before the first
 * @param attemptEnded   whether the last attempt's outcome is recorded (false while it runs)
 * @param lastStatus     the HTTP status of the last response; 0 when none arrived
 * @param lastError      why the last attempt failed; null after a success
 * @param nextAttemptAt  when the next attempt is due; null unless PENDING after a failure
 * @param version        1 for the first record, one more for every write
 */
public record WebhookDelivery(JobId jobId, String eventId, long seq, Status status, int attempts,
                              Instant attemptStartedAt, boolean attemptEnded, int lastStatus, String lastError,
                              Instant nextAttemptAt, Instant updatedAt, long version, Instant expiresAt) {

    /** The life cycle of a delivery. */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED;

        public boolean isFinal() {
            return this != PENDING;
        }
    }

    public WebhookDelivery {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        lastError = Text.clip(lastError, 512);
    }

    /** The record of an attempt that starts now, one version on. */
    public WebhookDelivery startAttempt(int attempt, Instant now) {
        return new WebhookDelivery(jobId, eventId, seq, Status.PENDING, attempt, now, false, lastStatus, lastError,
                null, now, version + 1, expiresAt);
    }

    /** The record once the current attempt ended as {@code status}, one version on. */
    public WebhookDelivery endAttempt(Status newStatus, int httpStatus, String error, Instant nextAttempt,
                                      Instant now) {
        return new WebhookDelivery(jobId, eventId, seq, newStatus, attempts, attemptStartedAt, true, httpStatus,
                error, nextAttempt, now, version + 1, expiresAt);
    }
}
