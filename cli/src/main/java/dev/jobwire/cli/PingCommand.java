package dev.jobwire.cli;

import com.google.gson.JsonObject;
import dev.jobwire.cli.socket.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jobwire ping}: connects, sends {@code ping}, and reports how long the round trips took. */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Connect, send {\"action\":\"ping\"} and report the connect time and the round-trip latency.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE,
            ExitCodes.HELP_CONNECTION})
final class PingCommand implements Callable<Integer> {

    @ParentCommand
    JobwireCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many pings (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--json", description = "One JSON object per ping.")
    boolean json;

    @Mixin
    ServerOptions server;

    @Mixin
    AuthOptions auth;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 1) {
            throw CliFailure.usage("--count must be 1 or more");
        }
        Endpoints endpoints = server.endpoints();
        var tokens = auth.tokens(endpoints, server.connectTimeout());
        tokens.get();
        PrintWriter out = spec.commandLine().getOut();
        long connectStart = System.nanoTime();
        try (Session session = Requests.open(root.transport(server.connectTimeout()), endpoints.webSocket(),
                tokens)) {
            double connectMs = (System.nanoTime() - connectStart) / 1e6;
            for (int i = 1; i <= count; i++) {
                JsonObject ping = new JsonObject();
                ping.addProperty("action", "ping");
                ping.addProperty("requestId", "ping-" + i);
                long start = System.nanoTime();
                Requests.call(session, ping, "ping-" + i, Duration.ofSeconds(30));
                double roundTripMs = (System.nanoTime() - start) / 1e6;
                if (json) {
                    JsonObject line = new JsonObject();
                    line.addProperty("url", endpoints.webSocket().toString());
                    line.addProperty("seq", i);
                    line.addProperty("connectMs", round(connectMs));
                    line.addProperty("roundTripMs", round(roundTripMs));
                    out.println(line);
                } else {
                    out.println(String.format(Locale.ROOT, "pong from %s: round trip %.1f ms (connect %.1f ms)",
                            endpoints.webSocket(), roundTripMs, connectMs));
                }
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
