package dev.jobwire.local.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * How one invocation of a local function ended.
 *
 * @param requestId the invocation's request id (as in the Lambda context)
 * @param outcome   what happened
 * @param payload   on {@link Outcome#SUCCEEDED} the handler's response serialised as Lambda would
 *                  (JSON, {@code null} for a void handler); otherwise Lambda's error document
 *                  {@code {"errorMessage":…,"errorType":…}}
 * @param duration  how long it ran
 */
public record Invocation(String requestId, Outcome outcome, String payload, Duration duration) {
    public enum Outcome {
        SUCCEEDED,
        /** The handler threw. */
        FAILED,
        /** The handler ran past the function's timeout; counted as failed. */
        TIMED_OUT,
        /** The function's concurrency was exhausted; the handler did not run. */
        THROTTLED
    }

    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
