package dev.jobwire.cli;

import dev.jobwire.cli.socket.JdkWebSocketTransport;
import dev.jobwire.cli.socket.Transport;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine.Command;

/** The {@code jobwire} command: only a list of subcommands, and the transport they share. */
@Command(name = "jobwire", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Submit and follow jobwire jobs, and inspect the connection table.",
        subcommands = {SubmitCommand.class, WatchCommand.class, StatusCommand.class, CancelCommand.class,
                JobsCommand.class, TokenCommand.class, ConnectionsCommand.class, PingCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nEnvironment:%n",
        footer = {"  JOBWIRE_URL       WebSocket URL (default " + CliEnvironment.DEFAULT_URL + ")",
                "  JOBWIRE_HTTP_URL  HTTP base URL (default: derived from JOBWIRE_URL)",
                "  JOBWIRE_TOKEN     bearer token (default: a local runtime's development token)",
                "  JOBWIRE_USER      user for development tokens (default: USER)"},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_JOB_FAILED,
            ExitCodes.HELP_USAGE, ExitCodes.HELP_CANCELLED, ExitCodes.HELP_CONNECTION})
public final class JobwireCommand {
    private final Function<Duration, Transport> transports;

    public JobwireCommand() {
        this(timeout -> new JdkWebSocketTransport(Version.userAgent(), timeout));
    }

    /** @param transports makes the WebSocket transport for a connect timeout; tests pass a fake */
    public JobwireCommand(Function<Duration, Transport> transports) {
        this.transports = Objects.requireNonNull(transports, "transports");
    }

    Transport transport(Duration connectTimeout) {
        return transports.apply(connectTimeout);
    }
}
