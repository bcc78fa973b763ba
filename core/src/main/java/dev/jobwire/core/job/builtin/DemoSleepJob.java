package dev.jobwire.core.job.builtin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.job.Inputs;
import dev.jobwire.core.job.InvalidInputException;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobHandler;
import java.util.Set;

/** {@code demo.sleep}: waits {@code delayMs} per step and reports one progress event per step. */
public final class DemoSleepJob implements JobHandler {
    private static final Set<String> FIELDS = Set.of("steps", "delayMs");

    @Override
    public String type() {
        return "demo.sleep";
    }

    @Override
    public String description() {
        return "Waits delayMs (0–60000, default 1000) per step for steps (1–1000, default 5) steps; "
                + "10 minutes in all at most.";
    }

    /** Longer would not fit one attempt on the worker (15 minutes), so it could never finish. */
    public static final long MAX_TOTAL_MS = 600_000;

    @Override
    public void validate(JsonObject input) throws InvalidInputException {
        Inputs.onlyFields(input, FIELDS);
        long steps = Inputs.integer(input, "steps", 5, 1, 1000);
        long delayMs = Inputs.integer(input, "delayMs", 1000, 0, 60_000);
        if (steps * delayMs > MAX_TOTAL_MS) {
            throw new InvalidInputException("steps × delayMs must be at most " + MAX_TOTAL_MS
                    + " ms (10 minutes), was " + steps * delayMs);
        }
    }

    @Override
    public JsonElement run(JobContext context) throws Exception {
        int steps = (int) Inputs.integer(context.input(), "steps", 5, 1, 1000);
        long delayMs = Inputs.integer(context.input(), "delayMs", 1000, 0, 60_000);
        for (int step = 1; step <= steps; step++) {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            context.progress().report(step * 100 / steps, "step " + step + " of " + steps);
        }
        JsonObject result = new JsonObject();
        result.addProperty("steps", steps);
        result.addProperty("sleptMs", steps * delayMs);
        return result;
    }
}
