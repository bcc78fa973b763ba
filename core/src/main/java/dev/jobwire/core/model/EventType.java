package dev.jobwire.core.model;

import java.util.Locale;

/** The kinds of job event; the last three are terminal and a job has exactly one of them. */
public enum EventType {
    PROGRESS,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this != PROGRESS;
    }

    /** The name used on the wire and in the tables: {@code progress}, {@code succeeded} … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public JobStatus terminalStatus() {
        return switch (this) {
            case SUCCEEDED -> JobStatus.SUCCEEDED;
            case FAILED -> JobStatus.FAILED;
            case CANCELLED -> JobStatus.CANCELLED;
            case PROGRESS -> throw new IllegalStateException("progress is not terminal");
        };
    }
}
