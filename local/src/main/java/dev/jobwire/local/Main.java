package dev.jobwire.local;

import dev.jobwire.core.model.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/run}: starts the local runtime and runs until Ctrl-C. */
@Command(name = "jobwire-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the whole jobwire stack on this machine, wired from template.yaml: the WebSocket API,",
            "the management API, the web app and a development token endpoint on one port; the queues",
            "on embedded ElasticMQ; the tables in memory or on --dynamodb-endpoint."})
public final class Main implements Callable<Integer> {
    @Option(names = "--port", description = "Port of the WebSocket API, management API and web app (default ${DEFAULT-VALUE}).")
    int port = 3001;

    @Option(names = "--bind", description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind = "127.0.0.1";

    @Option(names = "--stage", description = "API stage: the path of the WebSocket and management APIs (default ${DEFAULT-VALUE}).")
    String stage = "local";

    @Option(names = "--idle-timeout", description = "Close connections without a client message for this long (ISO-8601 or 90s, 10m; default ${DEFAULT-VALUE}, as API Gateway).")
    String idleTimeout = "10m";

    @Option(names = "--max-connection-duration", description = "Close connections open this long (default ${DEFAULT-VALUE}, as API Gateway).")
    String maxDuration = "2h";

    @Option(names = "--template", description = "The SAM template to run (default ${DEFAULT-VALUE}).")
    Path template = Path.of("template.yaml");

    @Option(names = "--webapp", description = "Static files served at / (default ${DEFAULT-VALUE}).")
    Path webapp = Path.of("webapp");

    @Option(names = "--dynamodb-endpoint", description = "Keep the tables on this DynamoDB-compatible endpoint instead of in memory; they are created from the template.")
    URI dynamoDbEndpoint;

    @Option(names = "--jwt-secret", description = "HS256 key for tokens, at least 32 characters (default: random per start).")
    String jwtSecret;

    @Option(names = "--retry-failed-after", description = "Deliver a message whose invocation failed again after this long instead of after its queue's visibility timeout (default ${DEFAULT-VALUE}; 0 keeps AWS's behaviour).")
    String retryFailedAfter = "10s";

    @Option(names = "--chaos-push-failures", description = "Fault injection: fraction of management API posts answered 429 or 500 (default 0).")
    double chaosPushFailures;

    @Option(names = "--chaos-worker-crashes", description = "Fault injection: fraction of job attempts killed mid-job (default 0).")
    double chaosWorkerCrashes;

    @Option(names = "--chaos-connection-drops", description = "Fault injection: fraction of posts before which the connection is dropped (default 0).")
    double chaosConnectionDrops;

    @Option(names = "--chaos-seed", description = "Random seed of the fault injection (default ${DEFAULT-VALUE}).")
    long chaosSeed = 1;

    @Option(names = "--allow-loopback-callbacks", description = "Let webhook callbackUrls point at loopback addresses (127.0.0.1, ::1, localhost), over plain http too, for a receiver on this machine. Private, link-local and metadata addresses stay refused. Off by default; impossible on AWS.")
    boolean allowLoopbackCallbacks;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "An origin whose pages may call the HTTP API (the template's CorsAllowOrigins): https://app.example.com, * for any, https://* for any https origin. Repeat for several. None by default, as when deployed.")
    java.util.List<String> corsOrigins = new java.util.ArrayList<>();

    @Option(names = "--dev-user", description = "User of the development token printed at start (default ${DEFAULT-VALUE}).")
    String devUser = "developer";

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new Main());
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("jobwire-local: " + e.getMessage());
            return 1;
        });
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration retry = duration("--retry-failed-after", retryFailedAfter);
        LocalOptions options = LocalOptions.defaults()
                .withPort(port)
                .withBindAddress(bind)
                .withStage(stage)
                .withIdleTimeout(duration("--idle-timeout", idleTimeout))
                .withMaxConnectionDuration(duration("--max-connection-duration", maxDuration))
                .withTemplate(template)
                .withWebappDir(webapp)
                .withDynamoDbEndpoint(dynamoDbEndpoint)
                .withJwtSecret(jwtSecret)
                .withRetryFailedAfter(retry.isZero() ? null : retry)
                .withChaos(new dev.jobwire.local.chaos.Chaos(chaosPushFailures, chaosWorkerCrashes,
                        chaosConnectionDrops, chaosSeed))
                .withAllowLoopbackCallbacks(allowLoopbackCallbacks)
                .withCorsOrigins(corsOrigins);
        long started = System.nanoTime();
        LocalRuntime runtime = LocalRuntime.start(options);
        long millis = (System.nanoTime() - started) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[runtime] stopping: running invocations get " + options.shutdownGrace().toSeconds()
                    + " s, then their messages go back to the queue");
            runtime.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println();
        System.out.println("jobwire local runtime ready in " + millis + " ms (" + options.template() + ", tables "
                + (dynamoDbEndpoint == null ? "in memory" : "on " + dynamoDbEndpoint) + ")");
        System.out.println("  WebSocket API   " + runtime.webSocketUrl() + "?token=…");
        System.out.println("  Management API  " + runtime.managementEndpoint() + "/@connections/{connectionId}");
        System.out.println("  HTTP API        " + runtime.httpApiUrl() + "/jobs  (Authorization: Bearer <token>)");
        System.out.println("  Webhook secret  " + runtime.webhookSecret()
                + (allowLoopbackCallbacks ? "  (loopback callbacks allowed)" : ""));
        System.out.println("  Web app         " + runtime.baseUrl());
        System.out.println("  Dev tokens      " + runtime.managementEndpoint() + "/_dev/token?user=NAME");
        System.out.println("  SQS (ElasticMQ) " + runtime.sqsEndpoint());
        System.out.println("  Token for '" + devUser + "': " + runtime.devToken(devUser));
        System.out.println("Ctrl-C stops.");
        stopped.await();
        return 0;
    }

    /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 1h30m}, {@code 500ms} or ISO-8601 ({@code PT10M}). */
    static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(new Main()), option + ": " + e.getMessage());
        }
    }
}
