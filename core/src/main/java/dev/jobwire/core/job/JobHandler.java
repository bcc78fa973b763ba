package dev.jobwire.core.job;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A job type: the plug-in point of jobwire. Implementations are registered in a
 * {@link JobTypeRegistry}, built in or found with {@link java.util.ServiceLoader}.
 *
 * <p>Contract: {@link #run} may be called more than once for the same job (a crashed or timed-out
 * attempt is retried), so a handler's side effects must be idempotent or harmless to repeat.
 * Progress goes through {@link JobContext#progress()}; each report is durable before it returns.
 */
public interface JobHandler {

    /** The type name clients submit, such as {@code demo.sleep}. */
    String type();

    /** One line for people: what the job does and its input. */
    String description();

    /**
     * Checks the input before the job is accepted, and again before it runs.
     *
     * @throws InvalidInputException if the input can never succeed
     */
    default void validate(JsonObject input) throws InvalidInputException {
    }

    /**
     * Does the work and returns the result (any JSON value).
     *
     * @throws JobFailedException for a failure that retrying cannot fix
     * @throws JobCancelledException when a progress report found the job cancelled
     * @throws Exception          for anything transient: the attempt is retried
     */
    JsonElement run(JobContext context) throws Exception;
}
