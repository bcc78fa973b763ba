package dev.jobwire.cli;

import com.google.gson.JsonObject;

/** Turns a protocol {@code error} frame into the one-line failure and exit code the user sees. */
public final class ServerErrors {
    private ServerErrors() {
    }

    public static CliFailure toFailure(JsonObject error) {
        String code = Json.string(error, "code");
        String message = Json.string(error, "message");
        String jobId = Json.string(error, "jobId");
        String text = message == null ? String.valueOf(code) : message;
        if (code == null) {
            return CliFailure.connection("the server answered with an error: " + text);
        }
        return switch (code) {
            case "not_found" -> CliFailure.usage("unknown job" + (jobId == null ? "" : " " + jobId)
                    + ": no such job for this user");
            case "bad_request", "unknown_action", "conflict", "payload_too_large" ->
                    CliFailure.usage(code.replace('_', ' ') + ": " + text);
            case "unauthorized" -> CliFailure.connection("unauthorized: " + text);
            default -> CliFailure.connection("the server answered " + code + ": " + text);
        };
    }
}
