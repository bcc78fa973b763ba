package dev.jobwire.cli;

import dev.jobwire.cli.follow.JobFollower;
import dev.jobwire.cli.follow.ReconnectPolicy;
import dev.jobwire.cli.socket.Transport;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jobwire watch}: replays a job's events after a seq and follows it to its end. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Replay a job's events after --after-seq and follow it to its end, reconnecting and "
                + "resuming if the connection drops. Each event is shown once, in order.",
            "The exit code says how the job ended."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_JOB_FAILED,
            ExitCodes.HELP_USAGE, ExitCodes.HELP_CANCELLED, ExitCodes.HELP_CONNECTION})
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    JobwireCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to follow.")
    String jobId;

    @Option(names = "--after-seq", paramLabel = "N", defaultValue = "0",
            description = "Show events after this seq only (default ${DEFAULT-VALUE}: all of them).")
    long afterSeq;

    @Mixin
    FollowOptions follow;

    @Mixin
    ServerOptions server;

    @Mixin
    AuthOptions auth;

    @Override
    public Integer call() throws InterruptedException {
        JobIds.require(jobId);
        if (afterSeq < 0) {
            throw CliFailure.usage("--after-seq must be 0 or more");
        }
        Endpoints endpoints = server.endpoints();
        Transport transport = root.transport(server.connectTimeout());
        Supplier<String> tokens = auth.tokens(endpoints, server.connectTimeout());
        JobFollower follower = new JobFollower(transport, endpoints.webSocket(), tokens,
                ReconnectPolicy.giveUpAfter(follow.reconnectFor()));
        return follower.follow(null, jobId, afterSeq,
                follow.printer(spec.commandLine().getOut(), spec.commandLine().getErr())).exitCode();
    }
}
