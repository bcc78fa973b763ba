package dev.jobwire.cli.follow;

import java.time.Duration;
import java.util.Objects;

/**
 * How a follower gets its connection back: at once, then after delays that double from
 * {@code firstDelay} up to {@code maxDelay}, until {@code giveUpAfter} has passed since the
 * connection was lost.
 */
public record ReconnectPolicy(Duration giveUpAfter, Duration firstDelay, Duration maxDelay) {
    public ReconnectPolicy {
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (giveUpAfter.isNegative() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("bad reconnect policy");
        }
    }

    public static ReconnectPolicy giveUpAfter(Duration giveUpAfter) {
        return new ReconnectPolicy(giveUpAfter, Duration.ofMillis(200), Duration.ofSeconds(5));
    }
}
