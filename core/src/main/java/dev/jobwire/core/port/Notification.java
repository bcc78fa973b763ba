package dev.jobwire.core.port;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import java.util.Objects;

/**
 * One event to push to every live connection of the job's owner.
 *
 * @param frame the complete server frame, JSON text
 */
public record Notification(JobId jobId, UserId userId, long seq, String frame) {
    public Notification {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(frame, "frame");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1");
        }
    }

    /** The key that makes a repeated publish of the same event a duplicate: {@code jobId#seq}. */
    public String deduplicationId() {
        return jobId.value() + "#" + seq;
    }
}
