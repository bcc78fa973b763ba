package dev.jobwire.core.port;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The jobs. Every state change is a single conditional write, so concurrent callers (a retried
 * worker, a cancel racing a completion) can never overwrite each other: exactly one caller wins
 * each transition and the others learn that they lost.
 *
 * <p>Reads by id are strongly consistent. {@link #listByUser} reads a secondary index and is
 * eventually consistent. A job past its {@code expiresAt} counts as absent for reads and writes,
 * whether or not TTL has removed it yet; its id and idempotency key may then be used again.
 */
public interface JobStore {

    /**
     * Creates a QUEUED job. When the job carries an idempotency key that the same user already
     * used, nothing is written and the existing job is returned instead ({@link Duplicate}); the
     * check and the write are one atomic step.
     *
     * @throws IllegalStateException if a job with the same id exists
     * @throws IllegalArgumentException if the job is not QUEUED (see {@link #checkNew})
     */
    CreateResult create(Job job);

    /** What every adapter's {@link #create} refuses, checked alike everywhere. */
    static void checkNew(Job job) {
        Objects.requireNonNull(job, "job");
        if (job.status() != JobStatus.QUEUED) {
            throw new IllegalArgumentException("a new job must be QUEUED, not " + job.status());
        }
    }

    Optional<Job> get(JobId jobId);

    /** The user's jobs, newest first, at most {@code limit}. */
    List<Job> listByUser(UserId userId, int limit);

    /**
     * Starts one more attempt: a QUEUED or RUNNING job becomes RUNNING with {@code attempts + 1}.
     * Returns the updated job, or empty when the job does not exist or is already terminal.
     */
    Optional<Job> startAttempt(JobId jobId, Instant now);

    /**
     * Records the latest progress: {@code lastSeq}, {@code percent} and {@code message}. Applies
     * only when {@code seq} is above the stored {@code lastSeq} and the job is not terminal, so a
     * late or repeated write never moves progress backwards. Returns whether it applied.
     */
    boolean recordProgress(JobId jobId, long seq, int percent, String message, Instant now);

    /**
     * Moves a non-terminal job to its terminal state. Returns true for the one caller that made
     * the transition, false when the job was already terminal or does not exist.
     */
    boolean finish(JobId jobId, Job.Completion completion, Instant now);

    /**
     * Asks a job to stop: a QUEUED job becomes CANCELLED at once, a RUNNING job keeps running until
     * its worker stops at its next progress report. Both get {@code cancelRequested}, which tells a
     * worker that finds the job to record its {@code cancelled} event.
     */
    CancelResult requestCancel(JobId jobId, Instant now);

    /** The outcome of {@link #create}. */
    sealed interface CreateResult {
        Job job();
    }

    record Created(Job job) implements CreateResult {
    }

    record Duplicate(Job job) implements CreateResult {
    }

    /** The outcome of {@link #requestCancel}. */
    enum CancelResult {
        /** The job was QUEUED and is now CANCELLED; it will never run. */
        CANCELLED,
        /** The job is RUNNING and now has {@code cancelRequested}. */
        CANCEL_REQUESTED,
        /** The job was already terminal; nothing changed. */
        ALREADY_FINISHED,
        NOT_FOUND
    }
}
