package dev.jobwire.local;

import dev.jobwire.local.chaos.Chaos;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How the local runtime starts. {@link #defaults()} gives DESIGN.md's defaults: 127.0.0.1:3001,
 * stage {@code local}, API Gateway's 10-minute idle timeout and 2-hour maximum connection
 * duration, tables in memory.
 *
 * @param bindAddress           the address the one HTTP/WebSocket port listens on
 * @param port                  the port; 0 picks a free one
 * @param stage                 the stage: the path of the WebSocket API and the management API
 * @param idleTimeout           a connection with no message from its client for this long is closed (1001)
 * @param maxConnectionDuration a connection open this long is closed (1001)
 * @param template              the SAM template that wires the runtime
 * @param webappDir             static files served at {@code /}; null serves none
 * @param dynamoDbEndpoint      a DynamoDB-compatible endpoint for the tables; null keeps them in memory
 * @param jwtSecret             the HS256 key for client tokens; null draws a random one per start
 * @param retryFailedAfter      a message whose invocation failed (a crashed or timed-out attempt) is
 *                              delivered again after at most this long, instead of after the rest of
 *                              the queue's visibility timeout (90 minutes for jobs); running
 *                              invocations keep the template's visibility; null keeps AWS's behaviour
 * @param shutdownGrace         how long Ctrl-C waits for running invocations before returning their
 *                              messages to the queue
 * @param chaos                 faults to inject; {@link Chaos#none()} by default
 * @param allowLoopbackCallbacks whether webhook callback URLs may point at loopback addresses, over
 *                              plain http too (for a receiver on this machine); off by default, and
 *                              never possible on AWS
 * @param corsOrigins           the template's {@code CorsAllowOrigins}: origins of browser apps that may
 *                              call the HTTP API; empty keeps the template's default (none)
 */
public record LocalOptions(String bindAddress, int port, String stage, Duration idleTimeout,
                           Duration maxConnectionDuration, Path template, Path webappDir, URI dynamoDbEndpoint,
                           String jwtSecret, Duration retryFailedAfter, Duration shutdownGrace, Chaos chaos,
                           boolean allowLoopbackCallbacks, List<String> corsOrigins) {
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public LocalOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(stage, "stage");
        if (!STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage must match " + STAGE.pattern() + ", got '" + stage + "'");
        }
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("maxConnectionDuration", maxConnectionDuration);
        Objects.requireNonNull(template, "template");
        if (retryFailedAfter != null && retryFailedAfter.isNegative()) {
            throw new IllegalArgumentException("retryFailedAfter must not be negative");
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(chaos, "chaos");
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static LocalOptions defaults() {
        return new LocalOptions("127.0.0.1", 3001, "local", Duration.ofMinutes(10), Duration.ofHours(2),
                Path.of("template.yaml"), Path.of("webapp"), null, null, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Chaos.none(), false, List.of());
    }

    public LocalOptions withBindAddress(String value) {
        return with(copy -> copy.bindAddress = value);
    }

    public LocalOptions withPort(int value) {
        return with(copy -> copy.port = value);
    }

    public LocalOptions withStage(String value) {
        return with(copy -> copy.stage = value);
    }

    public LocalOptions withIdleTimeout(Duration value) {
        return with(copy -> copy.idleTimeout = value);
    }

    public LocalOptions withMaxConnectionDuration(Duration value) {
        return with(copy -> copy.maxConnectionDuration = value);
    }

    public LocalOptions withTemplate(Path value) {
        return with(copy -> copy.template = value);
    }

    public LocalOptions withWebappDir(Path value) {
        return with(copy -> copy.webappDir = value);
    }

    public LocalOptions withDynamoDbEndpoint(URI value) {
        return with(copy -> copy.dynamoDbEndpoint = value);
    }

    public LocalOptions withJwtSecret(String value) {
        return with(copy -> copy.jwtSecret = value);
    }

    public LocalOptions withRetryFailedAfter(Duration value) {
        return with(copy -> copy.retryFailedAfter = value);
    }

    public LocalOptions withShutdownGrace(Duration value) {
        return with(copy -> copy.shutdownGrace = value);
    }

    public LocalOptions withChaos(Chaos value) {
        return with(copy -> copy.chaos = value);
    }

    /** Lets callback URLs point at loopback receivers (http allowed); every other SSRF rule stays. */
    public LocalOptions withAllowLoopbackCallbacks(boolean value) {
        return with(copy -> copy.allowLoopbackCallbacks = value);
    }

    /** Origins allowed to call the HTTP API from a browser, as the template's {@code CorsAllowOrigins}. */
    public LocalOptions withCorsOrigins(List<String> value) {
        return with(copy -> copy.corsOrigins = value);
    }

    /** A copy of these options with {@code change} applied, checked like any other. */
    private LocalOptions with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components of a copy being changed. */
    private static final class Copy {
        String bindAddress;
        int port;
        String stage;
        Duration idleTimeout;
        Duration maxConnectionDuration;
        Path template;
        Path webappDir;
        URI dynamoDbEndpoint;
        String jwtSecret;
        Duration retryFailedAfter;
        Duration shutdownGrace;
        Chaos chaos;
        boolean allowLoopbackCallbacks;
        List<String> corsOrigins;

        Copy(LocalOptions options) {
            bindAddress = options.bindAddress;
            port = options.port;
            stage = options.stage;
            idleTimeout = options.idleTimeout;
            maxConnectionDuration = options.maxConnectionDuration;
            template = options.template;
            webappDir = options.webappDir;
            dynamoDbEndpoint = options.dynamoDbEndpoint;
            jwtSecret = options.jwtSecret;
            retryFailedAfter = options.retryFailedAfter;
            shutdownGrace = options.shutdownGrace;
            chaos = options.chaos;
            allowLoopbackCallbacks = options.allowLoopbackCallbacks;
            corsOrigins = options.corsOrigins;
        }

        LocalOptions build() {
            return new LocalOptions(bindAddress, port, stage, idleTimeout, maxConnectionDuration, template,
                    webappDir, dynamoDbEndpoint, jwtSecret, retryFailedAfter, shutdownGrace, chaos,
                    allowLoopbackCallbacks, corsOrigins);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
