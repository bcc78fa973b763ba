package dev.jobwire.cli.connections;

import java.time.Duration;
import java.util.Objects;

/**
 * When a connection row is stale. API Gateway closes a connection after {@code maxDuration}
 * (2 hours) and after {@code idleTimeout} (10 minutes) without a message, so a row older or
 * quieter than that outlived its socket (a lost {@code $disconnect}); {@code olderThan} is the
 * operator's own threshold.
 *
 * @param olderThan may be null
 */
public record StaleRules(Duration maxDuration, Duration idleTimeout, Duration olderThan) {
    public static final Duration API_GATEWAY_MAX_DURATION = Duration.ofHours(2);
    public static final Duration API_GATEWAY_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public StaleRules {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public static StaleRules apiGateway(Duration olderThan) {
        return new StaleRules(API_GATEWAY_MAX_DURATION, API_GATEWAY_IDLE_TIMEOUT, olderThan);
    }
}
