package dev.jobwire.core.usecase;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.job.JobCancelledException;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobFailedException;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.job.ProgressReporter;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.port.ResultStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one delivery of a job message: the worker's use case.
 *
 * <p>Idempotent: a job that already ended is never run again (its terminal event is only
 * published again, which clients deduplicate); a job with {@code cancelRequested} ends
 * {@code cancelled} without running. Failures: a {@link JobFailedException} (including invalid
 * input) ends the job FAILED at once; any other exception is transient and asks for a retry until
 * {@link Policy#maxAttempts()} is reached, then ends the job FAILED. An {@link Error} (a crashed
 * worker) is not caught: the message returns to the queue and, after too many receives, reaches
 * the dead-letter queue, where {@link FailDeadLetteredJob} ends the job visibly.
 */
public final class RunJob {
    private static final Logger LOG = Logger.getLogger(RunJob.class.getName());
    /** The largest result kept inline: its {@code succeeded} frame must fit API Gateway's 128 KB. */
    public static final int MAX_RESULT_BYTES = 100 * 1024;

    private final JobStore jobs;
    private final JobQueue queue;
    private final EventRecorder recorder;
    private final JobTypeRegistry types;
    private final Clock clock;
    private final Policy policy;
    private final LargeResults largeResults;

    /** Fails a job whose result is too large for one frame: for a deployment without an HTTP API. */
    public RunJob(JobStore jobs, JobQueue queue, EventRecorder recorder, JobTypeRegistry types, Clock clock,
                  Policy policy) {
        this(jobs, queue, recorder, types, null, clock, policy);
    }

    /**
     * @param largeResults where a result too large for one frame is kept and served; null fails
     *                     such a job with {@code result_too_large}
     */
    public RunJob(JobStore jobs, JobQueue queue, EventRecorder recorder, JobTypeRegistry types,
                  LargeResults largeResults, Clock clock, Policy policy) {
        this.largeResults = largeResults;
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.types = Objects.requireNonNull(types, "types");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Where results too large for a frame go: stored in {@code store}, then announced by a
     * {@code succeeded} event that carries {@code resultUrl} instead of {@code result}.
     *
     * @param httpApiUrl the HTTP API's base URL, such as {@code https://api.example.com/prod}
     */
    public record LargeResults(ResultStore store, String httpApiUrl) {
        public LargeResults {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(httpApiUrl, "httpApiUrl");
            httpApiUrl = httpApiUrl.endsWith("/") ? httpApiUrl.substring(0, httpApiUrl.length() - 1) : httpApiUrl;
        }

        /** {@code GET /jobs/{id}/result} of the HTTP API. */
        public String resultUrl(JobId jobId) {
            return httpApiUrl + "/jobs/" + jobId.value() + "/result";
        }
    }

    /** What the queue should do with the message. */
    public enum Outcome {
        /**
         * Done with this message: the job ended, there is nothing to do, or its retry was queued
         * as a new, delayed message. Delete it.
         */
        DONE,
        /** A transient failure whose retry could not be queued: return this message to the queue. */
        RETRY
    }

    public Outcome run(JobId jobId) {
        Optional<Job> found = jobs.get(jobId);
        if (found.isEmpty()) {
            LOG.warning(() -> "job " + jobId + " does not exist (expired or never created); message dropped");
            return Outcome.DONE;
        }
        Job job = found.get();
        // Also queues again what an earlier attempt appended but may not have queued.
        EventRecorder.Settled settled = recorder.settle(job);
        if (settled.ended()) {
            return Outcome.DONE;
        }
        EventRecorder.Writer writer = recorder.writer(job, settled);
        try {
            if (job.cancelRequested()) {
                writer.cancelled();
                return Outcome.DONE;
            }
            Optional<Job> started = jobs.startAttempt(jobId, clock.now());
            if (started.isEmpty()) {
                jobs.get(jobId).ifPresent(recorder::settle);
                return Outcome.DONE;
            }
            int attempt = started.get().attempts();
            if (attempt > policy.maxAttempts()) {
                writer.failed(new JobError("attempts_exhausted", "the job did not finish in "
                        + policy.maxAttempts() + " attempts"), policy.maxAttempts());
                return Outcome.DONE;
            }
            return execute(started.get(), attempt, writer);
        } catch (EventRecorder.AlreadyFinished finished) {
            jobs.get(jobId).ifPresent(recorder::settle);
            return Outcome.DONE;
        }
    }

    /**
     * Runs the handler. Only the handler's own outcome is judged here: recording the result
     * happens after the try, so a failure to record it (a store or queue error) leaves the
     * message to be retried and repaired by {@link EventRecorder#settle}, never counted as a
     * failure of the job.
     */
    private Outcome execute(Job job, int attempt, EventRecorder.Writer writer) throws EventRecorder.AlreadyFinished {
        Optional<JobHandler> handler = types.find(job.type());
        if (handler.isEmpty()) {
            writer.failed(new JobError("unknown_type", "no handler for job type " + job.type()), attempt);
            return Outcome.DONE;
        }
        Reporter reporter = new Reporter(job.jobId(), attempt, writer);
        JsonElement result;
        try {
            JsonObject input = JsonText.parseObject(job.input());
            handler.get().validate(input);
            result = handler.get().run(new JobContext(job.jobId().value(), input, attempt, reporter));
        } catch (JobCancelledException e) {
            writer.cancelled();
            return Outcome.DONE;
        } catch (JobFailedException e) {
            writer.failed(new JobError(e.code(), e.getMessage()), attempt);
            return Outcome.DONE;
        } catch (AlreadyFinishedSignal e) {
            throw e.cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retryOrFail(job, attempt, writer, reporter, e);
        } catch (Exception e) {
            return retryOrFail(job, attempt, writer, reporter, e);
        }
        String resultJson = result == null ? "null" : result.toString();
        int size = resultJson.getBytes(StandardCharsets.UTF_8).length;
        if (size <= MAX_RESULT_BYTES) {
            writer.succeeded(resultJson);
            return Outcome.DONE;
        }
        if (largeResults == null || size > ResultStore.MAX_RESULT_BYTES) {
            writer.failed(new JobError("result_too_large", "the result has " + size / 1024 + " KB of JSON, more than "
                    + (largeResults == null ? "one WebSocket frame can carry (" + MAX_RESULT_BYTES / 1024 + " KB)"
                    : "the " + ResultStore.MAX_RESULT_BYTES / 1024 + " KB jobwire keeps")), attempt);
            return Outcome.DONE;
        }
        // Stored before the event that points at it, so that no client is ever sent a URL that
        // serves nothing; a repeated attempt stores the same result again.
        largeResults.store().put(job.jobId(), resultJson, job.expiresAt());
        writer.succeededAt(largeResults.resultUrl(job.jobId()));
        return Outcome.DONE;
    }

    private Outcome retryOrFail(Job job, int attempt, EventRecorder.Writer writer, Reporter reporter, Exception e)
            throws EventRecorder.AlreadyFinished {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (attempt >= policy.maxAttempts()) {
            writer.failed(new JobError("attempts_exhausted", "attempt " + attempt + " of " + policy.maxAttempts()
                    + " failed: " + message), attempt);
            return Outcome.DONE;
        }
        Duration delay = policy.retryDelay(attempt, ThreadLocalRandom.current().nextDouble());
        LOG.log(Level.WARNING, "job " + job.jobId() + " attempt " + attempt + " failed; retrying in " + delay, e);
        JsonObject data = new JsonObject();
        data.addProperty("retrying", true);
        data.addProperty("retryInMs", delay.toMillis());
        data.addProperty("error", message);
        writer.progress(reporter.percent, "attempt " + attempt + " failed; retrying", data, attempt);
        try {
            queue.sendLater(job.jobId(), delay);
            return Outcome.DONE;
        } catch (QueueException queueDown) {
            LOG.log(Level.WARNING, "could not queue the retry of job " + job.jobId()
                    + "; returning the message to the queue instead", queueDown);
            return Outcome.RETRY;
        }
    }

    /** Carries AlreadyFinished through a job handler that declares only Exception. */
    private static final class AlreadyFinishedSignal extends RuntimeException {
        private final EventRecorder.AlreadyFinished cause;

        AlreadyFinishedSignal(EventRecorder.AlreadyFinished cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private final class Reporter implements ProgressReporter {
        private final JobId jobId;
        private final int attempt;
        private final EventRecorder.Writer writer;
        private int percent;

        Reporter(JobId jobId, int attempt, EventRecorder.Writer writer) {
            this.jobId = jobId;
            this.attempt = attempt;
            this.writer = writer;
        }

        @Override
        public void report(int percent, String message, JsonObject data) throws JobCancelledException {
            int clamped = Math.max(0, Math.min(100, percent));
            if (jobs.get(jobId).map(Job::cancelRequested).orElse(true)) {
                throw new JobCancelledException();
            }
            try {
                writer.progress(clamped, message, data, attempt);
            } catch (EventRecorder.AlreadyFinished finished) {
                throw new AlreadyFinishedSignal(finished);
            }
            this.percent = clamped;
        }
    }
}
