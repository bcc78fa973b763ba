package dev.jobwire.cli.connections;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a connection table, as stored.
 *
 * @param lastActiveAt the last time the connection sent something; {@code connectedAt} when unknown
 * @param expiresAt    when the table's TTL may remove the row; may be null
 * @param sourceIp     may be null
 * @param userAgent    may be null
 */
public record ConnectionEntry(
        String connectionId,
        String userId,
        Instant connectedAt,
        Instant lastActiveAt,
        Instant expiresAt,
        String sourceIp,
        String userAgent) {

    public ConnectionEntry {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        lastActiveAt = lastActiveAt == null ? connectedAt : lastActiveAt;
    }
}
