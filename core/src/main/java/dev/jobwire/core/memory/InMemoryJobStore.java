package dev.jobwire.core.memory;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A {@link JobStore} held in one JVM's memory: the local default.
 *
 * <p>Every transition is an atomic compare-and-set on one job, so exactly one of several racing
 * callers wins it. {@link #create} checks the idempotency key and writes the job as one atomic
 * step. Stricter than the port where it allows: {@link #listByUser} is immediately consistent.
 * A job past its {@code expiresAt} is treated as absent by every operation, as if TTL had already
 * removed it, and so is its idempotency key. Listing is linear in the number of jobs, which suits
 * a single process, not a fleet.
 */
public final class InMemoryJobStore implements JobStore {
    private static final Comparator<Job> NEWEST_FIRST =
            Comparator.comparing(Job::createdAt).thenComparing(j -> j.jobId().value()).reversed();

    private final ConcurrentHashMap<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyKey, JobId> keys = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private final Clock clock;

    public InMemoryJobStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreateResult create(Job job) {
        JobStore.checkNew(job);
        IdempotencyKey key = job.idempotencyKey() == null
                ? null : new IdempotencyKey(job.userId(), job.idempotencyKey());
        // One lock across the key check and the write: a second submit with the same key must
        // never see the key free while the first is still writing.
        synchronized (createLock) {
            if (key != null) {
                JobId firstId = keys.get(key);
                Optional<Job> first = firstId == null ? Optional.empty() : get(firstId);
                if (first.isPresent()) {
                    return new Duplicate(first.get());
                }
            }
            jobs.compute(job.jobId(), (id, current) -> {
                if (current != null && isLive(current)) {
                    throw new IllegalStateException("job " + id + " already exists");
                }
                return job;
            });
            if (key != null) {
                keys.put(key, job.jobId());
            }
            return new Created(job);
        }
    }

    @Override
    public Optional<Job> get(JobId jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return Optional.ofNullable(jobs.get(jobId)).filter(this::isLive);
    }

    @Override
    public List<Job> listByUser(UserId userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        Instant now = clock.now();
        return jobs.values().stream()
                .filter(j -> j.userId().equals(userId) && isLive(j, now))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<Job> startAttempt(JobId jobId, Instant now) {
        Objects.requireNonNull(now, "now");
        return transition(jobId, job -> job.status().isTerminal() ? null : job.startedAttempt(now));
    }

    @Override
    public boolean recordProgress(JobId jobId, long seq, int percent, String message, Instant now) {
        Objects.requireNonNull(now, "now");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be within 0..100");
        }
        return transition(jobId, job -> job.status().isTerminal() || seq <= job.lastSeq()
                ? null
                : job.withProgress(seq, percent, message, now)).isPresent();
    }

    @Override
    public boolean finish(JobId jobId, Job.Completion completion, Instant now) {
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(now, "now");
        return transition(jobId, job -> job.status().isTerminal() ? null : job.finished(completion, now)).isPresent();
    }

    @Override
    public CancelResult requestCancel(JobId jobId, Instant now) {
        Objects.requireNonNull(now, "now");
        AtomicReference<CancelResult> outcome = new AtomicReference<>(CancelResult.NOT_FOUND);
        transition(jobId, job -> switch (job.status()) {
            case QUEUED -> {
                outcome.set(CancelResult.CANCELLED);
                yield job.withCancelRequested(now).withStatus(JobStatus.CANCELLED, now);
            }
            case RUNNING -> {
                outcome.set(CancelResult.CANCEL_REQUESTED);
                yield job.withCancelRequested(now);
            }
            case SUCCEEDED, FAILED, CANCELLED -> {
                outcome.set(CancelResult.ALREADY_FINISHED);
                yield null;
            }
        });
        return outcome.get();
    }

    /**
     * Applies {@code change} atomically to a live job; a null from {@code change} means the
     * transition does not apply. Returns the updated job when it applied.
     */
    private Optional<Job> transition(JobId jobId, UnaryOperator<Job> change) {
        Objects.requireNonNull(jobId, "jobId");
        AtomicReference<Job> applied = new AtomicReference<>();
        jobs.computeIfPresent(jobId, (id, current) -> {
            if (!isLive(current)) {
                return current;
            }
            Job next = change.apply(current);
            if (next == null) {
                return current;
            }
            applied.set(next);
            return next;
        });
        return Optional.ofNullable(applied.get());
    }

    private boolean isLive(Job job) {
        return isLive(job, clock.now());
    }

    private static boolean isLive(Job job, Instant now) {
        return now.isBefore(job.expiresAt());
    }

    private record IdempotencyKey(UserId userId, String key) {
    }
}
