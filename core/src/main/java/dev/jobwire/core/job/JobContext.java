package dev.jobwire.core.job;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * What a running job sees.
 *
 * @param input   the job's input; a private copy the handler may change
 * @param attempt 1 for the first run, 2 for the first retry …
 */
public record JobContext(String jobId, JsonObject input, int attempt, ProgressReporter progress) {
    public JobContext {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(progress, "progress");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
    }
}
