package dev.jobwire.core.model;

/** The life cycle of a job: QUEUED → RUNNING → one of the three terminal states. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
