package dev.jobwire.core.job.builtin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.job.Inputs;
import dev.jobwire.core.job.InvalidInputException;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobFailedException;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.SimulatedCrash;
import java.util.Set;

/**
 * {@code demo.fail}: reports {@code failAfterSteps} steps, then fails the way {@code mode} says:
 * {@code throw} fails for good (no retry), {@code transient} throws an ordinary exception (retried;
 * succeeds from attempt {@code succeedOnAttempt} if given), {@code crash} kills the attempt like a
 * dying worker process (retried by the queue, then dead-lettered).
 */
public final class DemoFailJob implements JobHandler {
    private static final Set<String> FIELDS = Set.of("failAfterSteps", "mode", "delayMs", "succeedOnAttempt");
    private static final Set<String> MODES = Set.of("throw", "transient", "crash");

    @Override
    public String type() {
        return "demo.fail";
    }

    @Override
    public String description() {
        return "Fails after failAfterSteps (0–100, default 1) steps; mode throw | transient | crash.";
    }

    @Override
    public void validate(JsonObject input) throws InvalidInputException {
        Inputs.onlyFields(input, FIELDS);
        Inputs.integer(input, "failAfterSteps", 1, 0, 100);
        Inputs.oneOf(input, "mode", "throw", MODES);
        Inputs.integer(input, "delayMs", 100, 0, 60_000);
        Inputs.integer(input, "succeedOnAttempt", 0, 0, 100);
    }

    @Override
    public JsonElement run(JobContext context) throws Exception {
        JsonObject input = context.input();
        int steps = (int) Inputs.integer(input, "failAfterSteps", 1, 0, 100);
        String mode = Inputs.oneOf(input, "mode", "throw", MODES);
        long delayMs = Inputs.integer(input, "delayMs", 100, 0, 60_000);
        long succeedOnAttempt = Inputs.integer(input, "succeedOnAttempt", 0, 0, 100);
        int total = steps + 1;
        for (int step = 1; step <= steps; step++) {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            context.progress().report(step * 100 / total, "step " + step + " of " + total);
        }
        if (succeedOnAttempt > 0 && context.attempt() >= succeedOnAttempt) {
            JsonObject result = new JsonObject();
            result.addProperty("succeededOnAttempt", context.attempt());
            return result;
        }
        switch (mode) {
            case "transient" -> throw new IllegalStateException(
                    "demo.fail: transient failure on attempt " + context.attempt());
            case "crash" -> throw new SimulatedCrash("demo.fail: worker crashed on attempt " + context.attempt());
            default -> throw new JobFailedException("demo_failure", "demo.fail failed after " + steps + " steps, as asked");
        }
    }
}
