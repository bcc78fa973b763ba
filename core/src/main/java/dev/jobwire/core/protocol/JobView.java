package dev.jobwire.core.protocol;

import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What a client may see of a job: everything but its owner and its callback URL.
 *
 * @param result    JSON text, or null
 * @param resultUrl where a large result is served, or null
 * @param error     null unless FAILED
 */
public record JobView(
        String jobId,
        String type,
        JobStatus status,
        int attempts,
        long lastSeq,
        int percent,
        String message,
        String result,
        String resultUrl,
        JobError error,
        boolean cancelRequested,
        Instant createdAt,
        Instant updatedAt) {

    public JobView {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
    }

    public static JobView of(Job job) {
        return new JobView(job.jobId().value(), job.type(), job.status(), job.attempts(), job.lastSeq(),
                job.percent(), job.message(), job.result(), job.resultRef(), job.error(), job.cancelRequested(),
                job.createdAt(), job.updatedAt());
    }
}
