package dev.jobwire.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A job and its current state. The job event log is the source of truth for what happened; this
 * row is its projection for status queries and listings.
 *
 * @param input          the job's input, a JSON object
 * @param result         the result as JSON when it was small enough to store inline, else null
 * @param resultRef      where a large result is kept, else null
 * @param error          why the job failed, when FAILED
 * @param attempts       how many times a worker has started the job
 * @param lastSeq        the highest event seq recorded for the job (0 before the first event)
 * @param percent        the last reported progress percent, 0–100
 * @param message        the last reported progress message; may be null
 * @param idempotencyKey the client's key for safe resubmission; may be null
 * @param callbackUrl    where to POST the terminal event; may be null
 */
public record Job(
        JobId jobId,
        UserId userId,
        String type,
        JobStatus status,
        String input,
        String result,
        String resultRef,
        JobError error,
        int attempts,
        long lastSeq,
        int percent,
        String message,
        Instant createdAt,
        Instant updatedAt,
        String idempotencyKey,
        String callbackUrl,
        boolean cancelRequested,
        Instant expiresAt) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!JobTypes.isValidName(type)) {
            throw new IllegalArgumentException("type is not a valid job type name: " + Ids.abbreviate(type));
        }
        input = JsonText.requireObject("input", input);
        result = result == null ? null : JsonText.requireValue("result", result);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0");
        }
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must be >= 0");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be within 0..100");
        }
        if (status == JobStatus.FAILED && error == null) {
            throw new IllegalArgumentException("a FAILED job needs an error");
        }
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 128)) {
            throw new IllegalArgumentException("idempotencyKey must have 1–128 characters");
        }
    }

    /** A new job as submitted: QUEUED, no attempts, no events. */
    public static Job queued(JobId jobId, UserId userId, String type, String input, String idempotencyKey,
                             String callbackUrl, Instant now, Instant expiresAt) {
        return new Job(jobId, userId, type, JobStatus.QUEUED, input, null, null, null, 0, 0, 0, null,
                now, now, idempotencyKey, callbackUrl, false, expiresAt);
    }

    public Job withStatus(JobStatus newStatus, Instant now) {
        return new Job(jobId, userId, type, newStatus, input, result, resultRef, error, attempts, lastSeq, percent,
                message, createdAt, now, idempotencyKey, callbackUrl, cancelRequested, expiresAt);
    }

    public Job startedAttempt(Instant now) {
        return new Job(jobId, userId, type, JobStatus.RUNNING, input, result, resultRef, error, attempts + 1, lastSeq,
                percent, message, createdAt, now, idempotencyKey, callbackUrl, cancelRequested, expiresAt);
    }

    public Job withProgress(long seq, int newPercent, String newMessage, Instant now) {
        return new Job(jobId, userId, type, status, input, result, resultRef, error, attempts, Math.max(lastSeq, seq),
                newPercent, newMessage, createdAt, now, idempotencyKey, callbackUrl, cancelRequested, expiresAt);
    }

    public Job withCancelRequested(Instant now) {
        return new Job(jobId, userId, type, status, input, result, resultRef, error, attempts, lastSeq, percent,
                message, createdAt, now, idempotencyKey, callbackUrl, true, expiresAt);
    }

    public Job finished(Completion completion, Instant now) {
        int newPercent = completion.status() == JobStatus.SUCCEEDED ? 100 : percent;
        return new Job(jobId, userId, type, completion.status(), input, completion.result(), completion.resultRef(),
                completion.error(), attempts, Math.max(lastSeq, completion.seq()), newPercent, message, createdAt, now,
                idempotencyKey, callbackUrl, cancelRequested, expiresAt);
    }

    /**
     * How a job ended, as recorded in its terminal event.
     *
     * @param seq the seq of the terminal event
     */
    public record Completion(JobStatus status, long seq, String result, String resultRef, JobError error) {
        public Completion {
            Objects.requireNonNull(status, "status");
            if (!status.isTerminal()) {
                throw new IllegalArgumentException("a completion needs a terminal status, not " + status);
            }
            if (status == JobStatus.FAILED && error == null) {
                throw new IllegalArgumentException("a FAILED completion needs an error");
            }
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be >= 1");
            }
        }
    }
}
