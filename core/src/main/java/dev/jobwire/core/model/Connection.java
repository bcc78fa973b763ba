package dev.jobwire.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A live WebSocket connection of one user.
 *
 * @param sourceIp  the client's address as API Gateway saw it; may be null
 * @param userAgent the client's User-Agent header at connect; may be null
 * @param expiresAt when the row may be removed by TTL (API Gateway closes every connection
 *                  after 2 hours, so a row past this is stale)
 */
public record Connection(
        ConnectionId connectionId,
        UserId userId,
        Instant connectedAt,
        Instant lastSeenAt,
        String sourceIp,
        String userAgent,
        Instant expiresAt) {

    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (lastSeenAt.isBefore(connectedAt)) {
            throw new IllegalArgumentException("lastSeenAt is before connectedAt");
        }
        if (!expiresAt.isAfter(connectedAt)) {
            throw new IllegalArgumentException("expiresAt must be after connectedAt");
        }
        sourceIp = Text.clip(sourceIp, 64);
        userAgent = Text.clip(userAgent, 512);
    }

    public Connection withLastSeenAt(Instant at) {
        return new Connection(connectionId, userId, connectedAt, at, sourceIp, userAgent, expiresAt);
    }
}
