package dev.jobwire.core.usecase;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.TokenVerifier;
import java.time.Instant;
import java.util.Objects;

/** Register and drop connections: the {@code $connect} and {@code $disconnect} routes. */
public final class Connections {
    private final ConnectionStore store;
    private final TokenVerifier tokens;
    private final Clock clock;
    private final Policy policy;

    public Connections(ConnectionStore store, TokenVerifier tokens, Clock clock, Policy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The outcome of a connect attempt. */
    public sealed interface ConnectResult {
    }

    public record Accepted(UserId userId) implements ConnectResult {
    }

    /** The handshake must fail with 401; {@code reason} is safe to show. Nothing was stored. */
    public record Rejected(String reason) implements ConnectResult {
    }

    /**
     * Verifies the token and stores the connection for its user.
     *
     * @param token     the {@code token} query parameter; may be null
     * @param sourceIp  may be null
     * @param userAgent may be null
     */
    public ConnectResult connect(ConnectionId connectionId, String token, String sourceIp, String userAgent) {
        Objects.requireNonNull(connectionId, "connectionId");
        if (token == null || token.isBlank()) {
            return new Rejected("missing token: connect with ?token=<JWT>");
        }
        TokenVerifier.Verification verification = tokens.verify(token);
        if (verification instanceof TokenVerifier.Invalid invalid) {
            return new Rejected(invalid.reason());
        }
        UserId userId = ((TokenVerifier.Valid) verification).userId();
        Instant now = clock.now();
        store.put(new Connection(connectionId, userId, now, now, sourceIp, userAgent,
                now.plus(policy.connectionLifetime())));
        return new Accepted(userId);
    }

    /** Forgets the connection; returns whether it was known. Repeating it is harmless. */
    public boolean disconnect(ConnectionId connectionId) {
        return store.delete(connectionId);
    }
}
