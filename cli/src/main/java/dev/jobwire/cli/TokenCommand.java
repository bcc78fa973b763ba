package dev.jobwire.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jobwire token}: a development token from a local runtime. */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print a development token for a user, from a local runtime on this machine "
                + "(GET {http-url}/_dev/token?user=NAME).",
            "Use it as JOBWIRE_TOKEN, or in ?token= of the WebSocket URL."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE,
            ExitCodes.HELP_CONNECTION})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = CliEnvironment.USER,
            description = "The user the token is for (env JOBWIRE_USER, else USER; default ${DEFAULT-VALUE}).")
    String user;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        Endpoints endpoints = server.endpoints();
        if (!endpoints.isLoopback()) {
            throw CliFailure.usage("development tokens come only from a local runtime on this machine; "
                    + endpoints.webSocket().getHost() + " is not loopback");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(AuthOptions.devToken(endpoints, user, server.connectTimeout()));
        out.flush();
        return ExitCodes.OK;
    }
}
