package dev.jobwire.cli.follow;

import dev.jobwire.cli.ExitCodes;

/** How a followed job ended, and the exit code that says so. */
public enum Outcome {
    SUCCEEDED(ExitCodes.OK),
    FAILED(ExitCodes.JOB_FAILED),
    CANCELLED(ExitCodes.CANCELLED);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The outcome a terminal event or status names, or null for anything else. */
    public static Outcome of(String typeOrStatus) {
        if (typeOrStatus == null) {
            return null;
        }
        return switch (typeOrStatus.toLowerCase(java.util.Locale.ROOT)) {
            case "succeeded" -> SUCCEEDED;
            case "failed" -> FAILED;
            case "cancelled" -> CANCELLED;
            default -> null;
        };
    }
}
