package dev.jobwire.core.port;

import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable, ordered log of each job's events: what resume replays.
 *
 * <p>Guarantees: {@link #append} is a conditional write on ({@code jobId}, {@code seq}), so two
 * writers can never both record the same seq; reads are strongly consistent and ordered by seq.
 * Events past their {@code expiresAt} are never returned, whether or not TTL removed them yet;
 * their seq stays taken until TTL removes the item, so an append never reuses it.
 */
public interface JobEventLog {

    /** Appends the event unless its seq is taken; returns false (and writes nothing) if it is. */
    boolean append(JobEvent event);

    /**
     * Events with {@code seq > afterSeq}, ascending, at most {@code limit}.
     *
     * @throws IllegalArgumentException for a negative {@code afterSeq} or a {@code limit} below 1
     *                                  (see {@link #checkRead})
     */
    List<JobEvent> read(JobId jobId, long afterSeq, int limit);

    /** The arguments of {@link #read} that every adapter refuses, checked alike everywhere. */
    static void checkRead(JobId jobId, long afterSeq, int limit) {
        Objects.requireNonNull(jobId, "jobId");
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must be >= 0");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }

    /** The event with the highest seq that is still kept. */
    Optional<JobEvent> latest(JobId jobId);
}
