package dev.jobwire.core.usecase;

import dev.jobwire.core.job.InvalidInputException;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.IdGenerator;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Submit and cancel, as every transport offers them: the WebSocket's {@code submit} and
 * {@code cancel} actions and the HTTP API's {@code POST /jobs} and {@code DELETE /jobs/{id}} run
 * exactly this code, so an idempotency key names the same job whichever way it was sent.
 *
 * <p>Never throws for anything a client sends: a request that cannot be served changes nothing
 * and comes back {@link Refused}. Jobs are scoped to their user: another user's job is
 * {@code not_found}.
 */
public final class JobCommands {
    private static final Logger LOG = Logger.getLogger(JobCommands.class.getName());
    /** How long a job may wait QUEUED before a resubmit with its idempotency key queues it again. */
    static final Duration REQUEUE_AFTER = Duration.ofMinutes(2);

    private final JobStore jobs;
    private final JobQueue queue;
    private final EventRecorder recorder;
    private final JobTypeRegistry types;
    private final CallbackUrlPolicy callbackUrls;
    private final IdGenerator ids;
    private final Clock clock;
    private final Policy policy;

    public JobCommands(JobStore jobs, JobQueue queue, EventRecorder recorder, JobTypeRegistry types,
                       CallbackUrlPolicy callbackUrls, IdGenerator ids, Clock clock, Policy policy) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.types = Objects.requireNonNull(types, "types");
        this.callbackUrls = Objects.requireNonNull(callbackUrls, "callbackUrls");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * A job to start.
     *
     * @param input          a JSON object
     * @param idempotencyKey may be null
     * @param callbackUrl    may be null
     */
    public record SubmitRequest(String type, String input, String idempotencyKey, String callbackUrl) {
        public SubmitRequest {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(input, "input");
        }
    }

    /** The outcome of a command. */
    public sealed interface Outcome {
    }

    /**
     * The job was queued, or ({@code duplicate}) the idempotency key named an earlier job, which
     * is returned as it is now.
     */
    public record Submitted(Job job, boolean duplicate) implements Outcome {
        public Submitted {
            Objects.requireNonNull(job, "job");
        }
    }

    /** The job is cancelled, or will stop at its next progress report; a {@code cancelled} event follows. */
    public record Cancelling(Job job) implements Outcome {
        public Cancelling {
            Objects.requireNonNull(job, "job");
        }
    }

    /** Nothing changed; {@code message} is safe to show. {@code jobId} names the job concerned, or is null. */
    public record Refused(ErrorCode code, String message, JobId jobId) implements Outcome {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    public Outcome submit(UserId user, SubmitRequest request) {
        Optional<JobHandler> handler = types.find(request.type());
        if (handler.isEmpty()) {
            return new Refused(ErrorCode.BAD_REQUEST, "unknown job type '" + request.type() + "'; known types: "
                    + String.join(", ", types.types()), null);
        }
        try {
            handler.get().validate(JsonText.parseObject(request.input()));
        } catch (InvalidInputException e) {
            return new Refused(ErrorCode.BAD_REQUEST, "invalid input for " + request.type() + ": " + e.getMessage(),
                    null);
        }
        String callbackUrl = null;
        if (request.callbackUrl() != null) {
            CallbackUrlPolicy.Result checked = callbackUrls.check(request.callbackUrl());
            if (checked instanceof CallbackUrlPolicy.Rejected rejected) {
                return new Refused(ErrorCode.BAD_REQUEST, rejected.reason(), null);
            }
            callbackUrl = ((CallbackUrlPolicy.Accepted) checked).url().toString();
        }
        var now = clock.now();
        Job job = Job.queued(JobId.of(ids.newId()), user, request.type(), request.input(), request.idempotencyKey(),
                callbackUrl, now, now.plus(policy.jobRetention()));
        JobStore.CreateResult created = jobs.create(job);
        if (created instanceof JobStore.Duplicate duplicate) {
            Job first = duplicate.job();
            if (!first.type().equals(job.type()) || !first.input().equals(job.input())
                    || !Objects.equals(first.callbackUrl(), job.callbackUrl())) {
                return new Refused(ErrorCode.CONFLICT, "the idempotency key was already used for a different "
                        + "request (job " + first.jobId() + ")", first.jobId());
            }
            if (first.status() == JobStatus.QUEUED && first.createdAt().plus(REQUEUE_AFTER).isBefore(clock.now())) {
                // Still waiting long after its submit: that submit may have died between storing
                // the job and queueing it. A second message is harmless, as runs are idempotent.
                try {
                    queue.send(first.jobId());
                } catch (QueueException e) {
                    LOG.log(Level.SEVERE, "could not enqueue job " + first.jobId() + " again", e);
                    return new Refused(ErrorCode.INTERNAL, "the job could not be queued; submit it again with the "
                            + "same idempotency key", first.jobId());
                }
            }
            return new Submitted(first, true);
        }
        try {
            queue.send(job.jobId());
        } catch (QueueException e) {
            LOG.log(Level.SEVERE, "could not enqueue job " + job.jobId(), e);
            failUnqueued(job);
            return new Refused(ErrorCode.INTERNAL, "the job could not be queued and has been marked FAILED; "
                    + "submit it again (with a new idempotency key)", job.jobId());
        }
        return new Submitted(job, false);
    }

    /** A job the queue refused must not sit QUEUED forever: it ends FAILED, visibly. */
    private void failUnqueued(Job job) {
        try {
            recorder.writer(job).failed(new JobError("enqueue_failed", "the job queue did not accept the job"), 0);
        } catch (EventRecorder.AlreadyFinished ignored) {
            // someone else ended it first, which is all we wanted
        } catch (RuntimeException e) {
            // The queues are likely down together. The client is still refused; a resubmit with
            // the same idempotency key after REQUEUE_AFTER queues the job again, and the worker's
            // settle then brings the row up to whatever the log holds.
            LOG.log(Level.SEVERE, "could not record the failure of unqueued job " + job.jobId(), e);
        }
    }

    public Outcome cancel(UserId user, JobId jobId) {
        Optional<Job> found = jobs.get(jobId).filter(job -> job.userId().equals(user));
        if (found.isEmpty()) {
            return notFound(jobId);
        }
        Job job = found.get();
        JobStore.CancelResult result = jobs.requestCancel(job.jobId(), clock.now());
        switch (result) {
            case CANCELLED -> {
                try {
                    recorder.writer(job).cancelled();
                } catch (EventRecorder.AlreadyFinished ignored) {
                    // the terminal event is already there; the client gets it or can resume it
                }
                return new Cancelling(jobs.get(job.jobId()).orElse(job));
            }
            case CANCEL_REQUESTED -> {
                return new Cancelling(jobs.get(job.jobId()).orElse(job));
            }
            case ALREADY_FINISHED -> {
                Job current = jobs.get(job.jobId()).orElse(job);
                if (current.status() == JobStatus.CANCELLED) {
                    // Cancelling twice is not a conflict; it also records the cancelled event if
                    // the first cancel stopped short of it.
                    try {
                        recorder.writer(current).cancelled();
                    } catch (EventRecorder.AlreadyFinished ignored) {
                        // the usual case: the cancelled event is there
                    }
                    return new Cancelling(current);
                }
                return new Refused(ErrorCode.CONFLICT, "job already ended: " + current.status(), job.jobId());
            }
            default -> {
                return notFound(jobId);
            }
        }
    }

    static Refused notFound(JobId jobId) {
        return new Refused(ErrorCode.NOT_FOUND, "no job " + jobId, jobId);
    }
}
