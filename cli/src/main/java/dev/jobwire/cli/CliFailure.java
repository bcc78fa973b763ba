package dev.jobwire.cli;

/**
 * An error the user can act on: {@link Main} prints its message as one line on standard error,
 * without a stack trace, and exits with its code from {@link ExitCodes}.
 */
public final class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }

    public static CliFailure connection(String message) {
        return new CliFailure(ExitCodes.CONNECTION, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
