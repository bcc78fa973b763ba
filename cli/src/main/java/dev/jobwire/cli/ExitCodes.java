package dev.jobwire.cli;

/**
 * The exit codes of every {@code jobwire} command; scripts may rely on them, so they never change
 * meaning.
 */
public final class ExitCodes {
    /** The job succeeded, or the command did what it was asked. */
    public static final int OK = 0;
    /** The job failed. */
    public static final int JOB_FAILED = 1;
    /** Bad arguments: an unknown option, malformed JSON or URL, a job the server does not know. */
    public static final int USAGE = 2;
    /** The job was cancelled. */
    public static final int CANCELLED = 3;
    /** The server could not be reached, rejected the token, or could not answer. */
    public static final int CONNECTION = 4;

    static final String HEADING = "%nExit codes:%n";
    static final String HELP_OK = "0:the job succeeded, or the command did what it was asked";
    static final String HELP_JOB_FAILED = "1:the job failed";
    static final String HELP_USAGE = "2:usage error: bad arguments, malformed JSON or URL, unknown job";
    static final String HELP_CANCELLED = "3:the job was cancelled";
    static final String HELP_CONNECTION =
            "4:connection or authentication error: unreachable server, rejected token, server error";

    private ExitCodes() {
    }
}
