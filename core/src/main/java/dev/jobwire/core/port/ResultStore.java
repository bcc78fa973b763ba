package dev.jobwire.core.port;

import dev.jobwire.core.model.JobId;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the results too large to travel in one WebSocket frame, one per job, served by
 * {@code GET /jobs/{id}/result}.
 *
 * <p>Guarantees: {@link #put} is durable once it returns and idempotent (putting the same job's
 * result again replaces it with the same value); {@link #get} reads its own writes. A result past
 * its {@code expiresAt} counts as absent, whether or not TTL has removed it yet.
 */
public interface ResultStore {

    /** The largest result a store must accept, in UTF-8 bytes of JSON. */
    int MAX_RESULT_BYTES = 380 * 1024;

    /**
     * Stores the result.
     *
     * @param resultJson one JSON value, at most {@link #MAX_RESULT_BYTES} bytes
     */
    void put(JobId jobId, String resultJson, Instant expiresAt);

    Optional<String> get(JobId jobId);
}
