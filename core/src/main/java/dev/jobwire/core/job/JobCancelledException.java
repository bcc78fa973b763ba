package dev.jobwire.core.job;

/** Thrown by a progress report when the job was cancelled; the run ends with a {@code cancelled} event. */
public final class JobCancelledException extends Exception {
    public JobCancelledException() {
        super("the job was cancelled", null, false, false);
    }
}
