package dev.jobwire.cli;

import com.google.gson.JsonObject;
import dev.jobwire.cli.follow.JobFollower;
import dev.jobwire.cli.follow.ReconnectPolicy;
import dev.jobwire.cli.socket.Session;
import dev.jobwire.cli.socket.Transport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jobwire cancel}: asks a job to stop; with {@code --wait}, follows it until it has. */
@Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Ask a job to stop. A running job stops at its next progress report.",
            "With --wait, follow it to its end: exit code 3 once it is cancelled, or how it ended if it "
                    + "finished first."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {
            "0:the cancel was accepted (with --wait: the job succeeded before it could stop)",
            ExitCodes.HELP_JOB_FAILED,
            "2:usage error, an unknown job, or a job that had already ended",
            ExitCodes.HELP_CANCELLED, ExitCodes.HELP_CONNECTION})
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    JobwireCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to cancel.")
    String jobId;

    @Option(names = "--wait", description = "Follow the job until it has stopped.")
    boolean waitForEnd;

    @Mixin
    FollowOptions follow;

    @Mixin
    ServerOptions server;

    @Mixin
    AuthOptions auth;

    @Override
    public Integer call() throws InterruptedException {
        JobIds.require(jobId);
        Endpoints endpoints = server.endpoints();
        Transport transport = root.transport(server.connectTimeout());
        Supplier<String> tokens = auth.tokens(endpoints, server.connectTimeout());
        JsonObject message = new JsonObject();
        message.addProperty("action", "cancel");
        message.addProperty("jobId", jobId);
        message.addProperty("requestId", "cancel-1");
        PrintWriter out = spec.commandLine().getOut();
        Session session = Requests.open(transport, endpoints.webSocket(), tokens);
        JsonObject reply;
        try {
            reply = Requests.call(session, message, "cancel-1", StatusCommand.REPLY_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
        if (follow.json) {
            out.println(reply);
        } else {
            out.println("cancelling " + jobId);
        }
        out.flush();
        if (!waitForEnd) {
            session.close();
            return ExitCodes.OK;
        }
        JobFollower follower = new JobFollower(transport, endpoints.webSocket(), tokens,
                ReconnectPolicy.giveUpAfter(follow.reconnectFor()));
        return follower.follow(session, jobId, 0, follow.printer(out, spec.commandLine().getErr())).exitCode();
    }
}
