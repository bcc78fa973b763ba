package dev.jobwire.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the server is: the options every command that talks to a stage shares. */
public final class ServerOptions {

    @Option(names = "--url", paramLabel = "WS_URL", defaultValue = CliEnvironment.URL,
            description = "WebSocket URL of the stage (env JOBWIRE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--http-url", paramLabel = "HTTP_URL", defaultValue = CliEnvironment.HTTP_URL,
            description = "HTTP base URL (env JOBWIRE_HTTP_URL); default: the WebSocket URL with http(s) "
                    + "instead of ws(s), which is right for the local runtime.")
    String httpUrl;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for a connection (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    public Endpoints endpoints() {
        return Endpoints.of(url, httpUrl);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }
}
