package dev.jobwire.core.port;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The live connections, keyed by connection id and indexed by user.
 *
 * <p>Guarantees: writes are durable once a method returns; {@link #get} reads its own writes.
 * {@link #listByUser} reads a secondary index and is eventually consistent: a connection put a
 * moment ago may be missing and one deleted a moment ago may still appear (callers that push
 * treat a gone connection as an ordinary outcome). Rows past {@code expiresAt} count as absent,
 * for reads and writes alike, whether or not TTL has removed them yet.
 */
public interface ConnectionStore {

    /** Stores the connection, replacing any row with the same id. */
    void put(Connection connection);

    Optional<Connection> get(ConnectionId connectionId);

    /** Deletes the connection; returns whether a row existed. Deleting twice is harmless. */
    boolean delete(ConnectionId connectionId);

    /** The user's connections, oldest first. */
    List<Connection> listByUser(UserId userId);

    /**
     * Sets {@code lastSeenAt} of an existing connection; never moves it backwards. A conditional
     * write: never recreates a connection that was deleted meanwhile. Returns whether the
     * connection existed.
     */
    boolean touch(ConnectionId connectionId, Instant lastSeenAt);
}
