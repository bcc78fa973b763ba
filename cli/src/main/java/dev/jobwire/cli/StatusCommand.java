package dev.jobwire.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.cli.socket.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jobwire status}: a job's current state. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show a job's current state: status, progress, attempts, result or error.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:the job was found (whatever its status)", ExitCodes.HELP_USAGE, ExitCodes.HELP_CONNECTION})
final class StatusCommand implements Callable<Integer> {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    @ParentCommand
    JobwireCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job.")
    String jobId;

    @Option(names = "--json", description = "Print the job as one JSON object.")
    boolean json;

    @Mixin
    ServerOptions server;

    @Mixin
    AuthOptions auth;

    @Override
    public Integer call() throws InterruptedException {
        JobIds.require(jobId);
        Endpoints endpoints = server.endpoints();
        JsonObject message = new JsonObject();
        message.addProperty("action", "status");
        message.addProperty("jobId", jobId);
        message.addProperty("requestId", "status-1");
        JsonObject reply;
        try (Session session = Requests.open(root.transport(server.connectTimeout()), endpoints.webSocket(),
                auth.tokens(endpoints, server.connectTimeout()))) {
            reply = Requests.call(session, message, "status-1", REPLY_TIMEOUT);
        }
        JsonObject job = Json.child(reply, "job");
        if (job == null) {
            throw CliFailure.connection("the status reply has no job: " + reply);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(job);
        } else {
            describe(job, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The job as labelled lines, only those that apply. */
    static void describe(JsonObject job, PrintWriter out) {
        row(out, "job", Json.string(job, "jobId"));
        row(out, "type", Json.string(job, "type"));
        row(out, "status", Json.string(job, "status") + (Json.bool(job, "cancelRequested")
                && !"CANCELLED".equals(Json.string(job, "status")) ? " (cancel requested)" : ""));
        String message = Json.string(job, "message");
        row(out, "progress", Json.number(job, "percent", 0) + "%" + (message == null ? "" : "  " + message));
        row(out, "attempts", Long.toString(Json.number(job, "attempts", 0)));
        row(out, "last seq", Long.toString(Json.number(job, "lastSeq", 0)));
        JsonElement result = job.get("result");
        if (result != null && !result.isJsonNull()) {
            row(out, "result", result.toString());
        }
        row(out, "result url", Json.string(job, "resultUrl"));
        JsonObject error = Json.child(job, "error");
        if (error != null) {
            row(out, "error", Json.string(error, "code") + ": " + Json.string(error, "message"));
        }
        time(out, "created", job, "createdAt");
        time(out, "updated", job, "updatedAt");
    }

    private static void time(PrintWriter out, String label, JsonObject job, String field) {
        long millis = Json.number(job, field, -1);
        if (millis >= 0) {
            row(out, label, Instant.ofEpochMilli(millis).toString());
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value != null) {
            out.printf("%-11s%s%n", label, value);
        }
    }
}
