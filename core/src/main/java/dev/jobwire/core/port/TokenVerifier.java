package dev.jobwire.core.port;

import dev.jobwire.core.model.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks a bearer token presented at connect (or on the HTTP API). Never throws for a bad token:
 * every rejection is an {@link Invalid} with a reason safe to show the client.
 */
public interface TokenVerifier {

    Verification verify(String token);

    sealed interface Verification {
    }

    /** The token is valid for {@code userId} until {@code expiresAt}. */
    record Valid(UserId userId, Instant expiresAt) implements Verification {
        public Valid {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** The token is missing, malformed, wrongly signed or expired. */
    record Invalid(String reason) implements Verification {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
