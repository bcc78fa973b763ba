package dev.jobwire.core.usecase;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.JobStore;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Ends a job whose message reached the dead-letter queue: its worker died (crash, timeout) on
 * every attempt without a word. The job becomes FAILED with code {@code dead_lettered} and its
 * owner is told, so nothing disappears silently. Idempotent: a job that already ended is left as
 * it is.
 */
public final class FailDeadLetteredJob {
    private static final Logger LOG = Logger.getLogger(FailDeadLetteredJob.class.getName());

    private final JobStore jobs;
    private final EventRecorder recorder;

    public FailDeadLetteredJob(JobStore jobs, EventRecorder recorder) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    public void fail(JobId jobId) {
        Optional<Job> found = jobs.get(jobId);
        if (found.isEmpty()) {
            LOG.warning(() -> "dead-lettered job " + jobId + " does not exist; nothing to tell");
            return;
        }
        Job job = found.get();
        EventRecorder.Settled settled = recorder.settle(job);
        if (settled.ended()) {
            return;
        }
        try {
            recorder.writer(job, settled).failed(new JobError("dead_lettered", "the worker stopped without a result on "
                    + job.attempts() + " attempt(s); the job was moved to the dead-letter queue"), job.attempts());
        } catch (EventRecorder.AlreadyFinished finished) {
            jobs.get(jobId).ifPresent(recorder::settle);
        }
    }
}
