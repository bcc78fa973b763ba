package dev.jobwire.core.job;

import com.google.gson.JsonObject;

/**
 * Records a job's progress. Each call appends one {@code progress} event to the job's durable log
 * and queues it for every live connection of the owner before it returns.
 */
public interface ProgressReporter {

    /**
     * Reports progress.
     *
     * @param percent 0–100; values outside are clamped
     * @param message a short text for people; may be null
     * @param data    extra JSON for clients; may be null
     * @throws JobCancelledException if the job was cancelled: the handler must stop and let it propagate
     */
    void report(int percent, String message, JsonObject data) throws JobCancelledException;

    default void report(int percent, String message) throws JobCancelledException {
        report(percent, message, null);
    }
}
