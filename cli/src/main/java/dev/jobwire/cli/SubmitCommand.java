package dev.jobwire.cli;

import com.google.gson.JsonObject;
import dev.jobwire.cli.follow.EventPrinter;
import dev.jobwire.cli.follow.JobFollower;
import dev.jobwire.cli.follow.ReconnectPolicy;
import dev.jobwire.cli.socket.Session;
import dev.jobwire.cli.socket.Transport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jobwire submit}: starts a job and, with {@code --wait}, follows it to its end. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Submit a job. Prints its id, or with --wait follows it to the end: a progress bar on a "
                + "terminal, one line per event otherwise, one JSON object per line with --json.",
            "The exit code then says how the job ended."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_JOB_FAILED,
            ExitCodes.HELP_USAGE, ExitCodes.HELP_CANCELLED, ExitCodes.HELP_CONNECTION})
final class SubmitCommand implements Callable<Integer> {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    @ParentCommand
    JobwireCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE", description = "Job type, such as demo.sleep.")
    String type;

    @Option(names = "--input", paramLabel = "JSON|@FILE", defaultValue = "{}",
            description = "Job input: a JSON object, @file to read it from a file, or @- for standard input "
                    + "(default ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Submitting again with the same key returns the first job instead of starting another.")
    String idempotencyKey;

    @Option(names = "--wait", description = "Follow the job to its end; reconnect and resume if the connection drops.")
    boolean waitForEnd;

    @Mixin
    FollowOptions follow;

    @Mixin
    ServerOptions server;

    @Mixin
    AuthOptions auth;

    @Override
    public Integer call() throws InterruptedException {
        JsonObject inputJson = Inputs.read(input, System.in);
        Endpoints endpoints = server.endpoints();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Transport transport = root.transport(server.connectTimeout());
        Supplier<String> tokens = auth.tokens(endpoints, server.connectTimeout());

        JsonObject message = new JsonObject();
        message.addProperty("action", "submit");
        message.addProperty("type", type);
        message.add("input", inputJson);
        if (idempotencyKey != null) {
            message.addProperty("idempotencyKey", idempotencyKey);
        }
        message.addProperty("requestId", "submit-1");

        Session session = Requests.open(transport, endpoints.webSocket(), tokens);
        JsonObject accepted;
        try {
            accepted = Requests.call(session, message, "submit-1", REPLY_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
        String jobId = Json.string(accepted, "jobId");
        if (jobId == null) {
            session.close();
            throw CliFailure.connection("the server accepted the job but sent no job id: " + accepted);
        }
        EventPrinter printer = follow.printer(out, err);
        if (!waitForEnd) {
            session.close();
            if (follow.json) {
                printer.frame(accepted);
            } else {
                out.println(jobId);
                out.flush();
            }
            return ExitCodes.OK;
        }
        if (follow.json) {
            printer.frame(accepted);
        } else {
            err.println("jobwire: job " + jobId + " accepted" + (Json.bool(accepted, "duplicate")
                    ? " (an earlier job with this idempotency key)" : ""));
            err.flush();
        }
        JobFollower follower = new JobFollower(transport, endpoints.webSocket(), tokens,
                ReconnectPolicy.giveUpAfter(follow.reconnectFor()));
        return follower.follow(session, jobId, 0, printer).exitCode();
    }
}
