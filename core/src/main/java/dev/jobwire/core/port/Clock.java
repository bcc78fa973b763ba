package dev.jobwire.core.port;

import java.time.Instant;

/** The time source of every use case, so that tests and the local runtime can control time. */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The system clock, in milliseconds (the precision of every stored timestamp). */
    static Clock system() {
        return () -> Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
