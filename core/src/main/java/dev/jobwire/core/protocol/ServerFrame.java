package dev.jobwire.core.protocol;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Every frame the server sends that is not a job event; {@link Frames} writes them as JSON. */
public sealed interface ServerFrame {

    /** Reply to {@code submit}. {@code duplicate} is true when an idempotency key matched an earlier job. */
    record Accepted(JobId jobId, JobStatus status, boolean duplicate, String requestId) implements ServerFrame {
        public Accepted {
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Reply to {@code cancel} for a job that is not finished yet; a {@code cancelled} event follows. */
    record Cancelling(JobId jobId, String requestId) implements ServerFrame {
        public Cancelling {
            Objects.requireNonNull(jobId, "jobId");
        }
    }

    /** Reply to {@code status}. */
    record Status(JobView job, String requestId) implements ServerFrame {
        public Status {
            Objects.requireNonNull(job, "job");
        }
    }

    /** Reply to {@code ping}. */
    record Pong(Instant at, String requestId) implements ServerFrame {
        public Pong {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Events {@code fromSeq..toSeq} of a job expired before the client could replay them. */
    record Gap(JobId jobId, long fromSeq, long toSeq) implements ServerFrame {
        public Gap {
            Objects.requireNonNull(jobId, "jobId");
            if (fromSeq < 1 || toSeq < fromSeq) {
                throw new IllegalArgumentException("bad gap range " + fromSeq + ".." + toSeq);
            }
        }
    }

    /**
     * Sent after a {@code resume} replay: for each job, the last seq replayed and its status, so a
     * client knows that live events follow from here. {@code more} says that the replay stopped at
     * its size limit and the client should resume that job again from {@code lastSeq}. Jobs that
     * were not found are absent (each got a {@code not_found} error frame).
     */
    record Resumed(List<JobPosition> jobs, String requestId) implements ServerFrame {
        public Resumed {
            jobs = List.copyOf(jobs);
        }
    }

    record JobPosition(JobId jobId, long lastSeq, JobStatus status, boolean more) {
        public JobPosition {
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A refused request. {@code jobId} is set when the error concerns one job; may be null. */
    record Error(ErrorCode code, String message, String requestId, JobId jobId) implements ServerFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
