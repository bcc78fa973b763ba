package dev.jobwire.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of {@code jobwire}. Every failure ends as one line on standard error and an exit
 * code from {@link ExitCodes}; a stack trace is never shown.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(new JobwireCommand(), args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line against {@code root} and returns its exit code. */
    public static int run(JobwireCommand root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((problem, ignored) -> {
            String command = problem.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + problem.getMessage() + " (see '" + command + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((failure, ignored, parseResult) -> {
            err.println("jobwire: " + describe(failure));
            err.flush();
            return failure instanceof CliFailure cli ? cli.exitCode() : ExitCodes.CONNECTION;
        });
        return commandLine.execute(args);
    }

    private static String describe(Exception failure) {
        if (failure instanceof CliFailure) {
            return failure.getMessage();
        }
        if (failure instanceof InterruptedException) {
            return "interrupted";
        }
        String message = failure.getMessage();
        return "unexpected " + failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
