package dev.jobwire.test.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobHandler;

/** {@code test.large} {@code {"kb": N}}: a result of N kilobytes, found on the test class path by ServiceLoader. */
public final class LargeResultJob implements JobHandler {
    @Override
    public String type() {
        return "test.large";
    }

    @Override
    public String description() {
        return "returns {\"data\": <kb kilobytes of text>}";
    }

    @Override
    public JsonElement run(JobContext context) {
        JsonObject result = new JsonObject();
        result.addProperty("data", "x".repeat(context.input().get("kb").getAsInt() * 1024));
        return result;
    }
}
