package dev.jobwire.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jobwire jobs}: the user's recent jobs, from the HTTP API. */
@Command(name = "jobs", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List your recent jobs, newest first (HTTP API: GET {http-url}/jobs?limit=N).",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE,
            ExitCodes.HELP_CONNECTION})
final class JobsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many jobs, 1-100 (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the API's answer as one JSON object.")
    boolean json;

    @Mixin
    ServerOptions server;

    @Mixin
    AuthOptions auth;

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1 || limit > 100) {
            throw CliFailure.usage("--limit must be between 1 and 100");
        }
        Endpoints endpoints = server.endpoints();
        String token = auth.tokens(endpoints, server.connectTimeout()).get();
        JsonObject body = new HttpJson(server.connectTimeout(), Version.userAgent())
                .get(endpoints.httpPath("/jobs?limit=" + limit), token);
        JsonElement jobs = body.get("jobs");
        if (jobs == null || !jobs.isJsonArray()) {
            throw CliFailure.connection("the answer of " + endpoints.httpPath("/jobs") + " has no jobs list");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"JOB ID", "TYPE", "STATUS", "%", "CREATED", "MESSAGE"});
            for (JsonElement item : jobs.getAsJsonArray()) {
                if (!item.isJsonObject()) {
                    continue;
                }
                JsonObject job = item.getAsJsonObject();
                rows.add(new String[] {
                    nonNull(Json.string(job, "jobId")),
                    nonNull(Json.string(job, "type")),
                    nonNull(Json.string(job, "status")),
                    Long.toString(Json.number(job, "percent", 0)),
                    created(job),
                    nonNull(Json.string(job, "message"))});
            }
            Table.print(out, rows);
            if (rows.size() == 1) {
                out.println("(no jobs)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String created(JsonObject job) {
        JsonElement value = job.get("createdAt");
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return Table.time(Instant.ofEpochMilli(value.getAsLong()));
        }
        return value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
