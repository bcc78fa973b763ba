package dev.jobwire.local;

import dev.jobwire.aws.AwsClients;
import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.aws.dynamodb.DynamoDbConnectionStore;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.core.memory.InMemoryConnectionStore;
import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.port.Clock;
import dev.jobwire.local.chaos.Chaos;
import dev.jobwire.local.chaos.CrashingJobTypes;
import dev.jobwire.local.gateway.GatewayHandler;
import dev.jobwire.local.gateway.HttpApi;
import dev.jobwire.local.gateway.ManagementFaults;
import dev.jobwire.local.gateway.WebSocketApi;
import dev.jobwire.local.lambda.InvocationLog;
import dev.jobwire.local.lambda.LocalFunction;
import dev.jobwire.local.sqs.EmbeddedQueues;
import dev.jobwire.local.sqs.SqsEventSource;
import dev.jobwire.local.template.EventSourceDef;
import dev.jobwire.local.template.FunctionDef;
import dev.jobwire.local.template.LocalTables;
import dev.jobwire.local.template.LocalTemplate;
import dev.jobwire.local.template.QueueDef;
import dev.jobwire.local.template.TableDef;
import dev.jobwire.local.template.TemplateContext;
import dev.jobwire.local.template.TemplateException;
import dev.jobwire.local.template.TemplateLoader;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import software.amazon.awssdk.regions.Region;

/**
 * The whole jobwire stack in one process, wired from {@code template.yaml}: the real handler
 * classes as local functions, API Gateway's WebSocket and management APIs on one Jetty port, the
 * queues on embedded ElasticMQ with Lambda-like pollers, and the tables in memory or on a
 * DynamoDB-compatible endpoint.
 */
public final class LocalRuntime implements AutoCloseable {
    /** The stack name, account and region that the template's pseudo parameters resolve to. */
    public static final String STACK_NAME = "jobwire-local";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";
    /**
     * Concurrency of a function without ReservedConcurrentExecutions: one thread per running
     * invocation, so bounded below Lambda's account default of 1,000.
     */
    public static final int DEFAULT_CONCURRENCY = 200;

    private final LocalOptions options;
    private final Consumer<String> log;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final ManagementFaults faults = new ManagementFaults();
    private final Map<Optional<URI>, AwsClients> clients = new HashMap<>();
    private EmbeddedQueues queues;
    private Server server;
    private WebSocketApi webSocketApi;
    private JwtTokenIssuer tokens;
    private String webhookSecret;
    private LocalTemplate template;
    private URI base;
    private boolean closed;

    private LocalRuntime(LocalOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** Starts everything; on any failure, stops what had started and throws. */
    public static LocalRuntime start(LocalOptions options) {
        return start(options, line -> System.out.println(line));
    }

    public static LocalRuntime start(LocalOptions options, Consumer<String> log) {
        Objects.requireNonNull(options, "options");
        LocalRuntime runtime = new LocalRuntime(options, Objects.requireNonNull(log, "log"));
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        } catch (Exception e) {
            runtime.close();
            throw new IllegalStateException("the local runtime did not start: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        if (!Files.isRegularFile(options.template())) {
            throw new TemplateException(options.template() + ": no such template file");
        }
        String secret = options.jwtSecret() != null ? options.jwtSecret() : randomSecret();
        tokens = new JwtTokenIssuer(secret, Clock.system());

        Chaos chaos = options.chaos();
        if (chaos.pushFailureRate() > 0 || chaos.connectionDropRate() > 0) {
            faults.failAtRandom(chaos.pushFailureRate(), chaos.connectionDropRate(), chaos.seed());
        }
        queues = EmbeddedQueues.start("127.0.0.1", 0);
        toClose.add(queues);

        server = new Server(threadPool());
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        connector.open();
        String host = options.bindAddress().equals("0.0.0.0") || options.bindAddress().equals("::")
                ? "127.0.0.1" : options.bindAddress();
        base = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());

        webhookSecret = randomSecret();
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("StageName", options.stage(),
                "JwtSecret", secret, "WebhookSecret", webhookSecret));
        if (!options.corsOrigins().isEmpty()) {
            parameters.put("CorsAllowOrigins", String.join(",", options.corsOrigins()));
        }
        template = TemplateLoader.load(options.template(), new TemplateContext(STACK_NAME, REGION, ACCOUNT_ID,
                parameters, queues.endpoint(), base));

        Map<String, String> queueUrls = queues.create(template.queues().values());

        LambdaWiring.Tables tables = tables();
        HandlerFactory handlers = new HandlerFactory(REGION,
                settings -> clients(settings.has(dev.jobwire.aws.Settings.Variable.MANAGEMENT_ENDPOINT)
                        ? settings.managementEndpoint() : null), tables, jobTypes(),
                Map.of("CALLBACK_LOOPBACK_ALLOWED", Boolean.toString(options.allowLoopbackCallbacks())));
        InvocationLog invocationLog = (function, line) -> log.accept("[" + function + "] " + line);
        for (FunctionDef function : template.functions().values()) {
            int concurrency = function.reservedConcurrency() != null ? function.reservedConcurrency()
                    : DEFAULT_CONCURRENCY;
            LocalFunction local = new LocalFunction(function, handlers.create(function), concurrency, REGION,
                    ACCOUNT_ID, invocationLog);
            functions.put(function.logicalId(), local);
        }

        for (EventSourceDef source : template.eventSources()) {
            if (!source.enabled()) {
                continue;
            }
            QueueDef queue = template.queues().get(source.queueLogicalId());
            SqsEventSource poller = new SqsEventSource(source, queue, queueUrls.get(queue.logicalId()),
                    queues.arn(queue.logicalId()), functions.get(source.functionLogicalId()), queues.client(), REGION,
                    options.retryFailedAfter());
            eventSources.add(poller);
            poller.start();
        }

        webSocketApi = new WebSocketApi(template.webSocketApi(), functions,
                template.webSocketApi().logicalId().toLowerCase(java.util.Locale.ROOT), options.stage(),
                options.idleTimeout(), options.maxConnectionDuration(), java.time.Clock.systemUTC(),
                line -> log.accept("[gateway] " + line));

        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, context, container -> {
            // The gateway applies API Gateway's 32 KB frame and 128 KB message limits itself; Jetty's
            // bound only protects the process. Frames are never split, so a frame's size is the client's.
            container.setMaxFrameSize(WebSocketApi.READ_LIMIT_BYTES);
            container.setAutoFragment(false);
            container.setMaxTextMessageSize(WebSocketApi.READ_LIMIT_BYTES);
            container.setMaxBinaryMessageSize(WebSocketApi.READ_LIMIT_BYTES);
            // The gateway enforces API Gateway's idle timeout itself (client messages only); Jetty's
            // own, which counts traffic both ways, stays out of the way.
            container.setIdleTimeout(options.maxConnectionDuration().plusMinutes(1));
            container.addMapping("/" + options.stage(), webSocketApi);
        });
        GatewayHandler gateway = new GatewayHandler(options.stage(), webSocketApi, faults, tokens,
                connectionTable(tables), java.time.Clock.systemUTC(), staticFiles());
        if (template.httpApi() != null) {
            gateway.withHttpApi(new HttpApi(template.httpApi(), functions,
                    template.httpApi().logicalId().toLowerCase(java.util.Locale.ROOT), options.stage(), ACCOUNT_ID,
                    java.time.Clock.systemUTC(), line -> log.accept("[http-api] " + line)));
        }
        upgrades.setHandler(gateway);
        context.setHandler(upgrades);
        server.setHandler(context);
        server.start();
    }

    private JobTypeRegistry jobTypes() {
        JobTypeRegistry types = JobTypeRegistry.discover();
        Chaos chaos = options.chaos();
        if (chaos.workerCrashRate() > 0) {
            return CrashingJobTypes.wrap(types, chaos.workerCrashRate(), chaos.seed());
        }
        return types;
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(400, 8);
        pool.setName("http");
        return pool;
    }

    /**
     * The SDK clients for the local endpoints, one set per management endpoint (in practice one
     * set for every function), so that each SDK client and its HTTP client is built once.
     */
    private AwsClients clients(URI managementEndpoint) {
        return clients.computeIfAbsent(Optional.ofNullable(managementEndpoint), endpoint -> {
            AwsClients.Builder builder = clientsBuilder();
            endpoint.ifPresent(builder::managementEndpoint);
            AwsClients built = builder.build();
            toClose.add(built);
            return built;
        });
    }

    private AwsClients.Builder clientsBuilder() {
        AwsClients.Builder builder = AwsClients.builder()
                .region(Region.of(REGION))
                .staticCredentials("local", "local")
                .sqsEndpoint(queues.endpoint());
        if (options.dynamoDbEndpoint() != null) {
            builder.dynamoDbEndpoint(options.dynamoDbEndpoint());
        }
        return builder;
    }

    private LambdaWiring.Tables tables() {
        if (options.dynamoDbEndpoint() == null) {
            return new InMemoryTables();
        }
        AwsClients clients = clients(null);
        for (TableDef table : template.tables().values()) {
            LocalTables.createIfMissing(clients.dynamoDb(), table);
        }
        return LambdaWiring.dynamoDbTables(clients);
    }

    /** The rows of the table that ConnectFunction writes, for the {@code _dev/connections} view. */
    private Supplier<List<Connection>> connectionTable(LambdaWiring.Tables tables) {
        String table = template.functions().values().stream()
                .map(f -> f.environment().get("CONNECTIONS_TABLE"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (table == null) {
            return List::of;
        }
        var store = tables.connections(table, Clock.system());
        if (store instanceof InMemoryConnectionStore memory) {
            return memory::all;
        }
        if (store instanceof DynamoDbConnectionStore dynamo) {
            return dynamo::scanAll;
        }
        return List::of;
    }

    private Handler staticFiles() {
        if (options.webappDir() == null || !Files.isDirectory(options.webappDir())) {
            return null;
        }
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(options.webappDir().toAbsolutePath().normalize()));
        files.setWelcomeFiles(List.of("index.html"));
        files.setDirAllowed(false);
        return files;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public URI baseUrl() {
        return URI.create(base + "/");
    }

    public URI webSocketUrl() {
        return URI.create("ws://" + base.getAuthority() + "/" + options.stage());
    }

    public URI managementEndpoint() {
        return URI.create(base + "/" + options.stage());
    }

    /** The HTTP API's base URL ({@code http://127.0.0.1:PORT/local}); its routes are {@code /jobs…} below it. */
    public URI httpApiUrl() {
        return URI.create(base + "/" + options.stage());
    }

    /** The key that signs this runtime's webhooks (the template's {@code WebhookSecret}), random per start. */
    public String webhookSecret() {
        return webhookSecret;
    }

    public URI sqsEndpoint() {
        return queues.endpoint();
    }

    public LocalTemplate template() {
        return template;
    }


    /** Faults the management API answers to the next posts: for tests of throttling and errors. */
    public ManagementFaults managementFaults() {
        return faults;
    }


    /** A token for {@code user}, signed with this runtime's secret, valid for 12 hours. */
    public String devToken(String user) {
        return tokens.issue(UserId.of(user), GatewayHandler.DEV_TOKEN_LIFETIME);
    }

    /**
     * Stops in the order that loses nothing: pollers first (running batches get the grace period,
     * then their messages go back to the queue), then connections (closed with 1001, each with its
     * {@code $disconnect}), then the functions, the server and the queues.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SqsEventSource source : eventSources) {
            quietly(() -> source.stop(options.shutdownGrace()));
        }
        if (webSocketApi != null) {
            quietly(webSocketApi::close);
        }
        for (LocalFunction function : functions.values()) {
            quietly(() -> function.close(options.shutdownGrace()));
        }
        if (server != null) {
            quietly(server::stop);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            quietly(toClose.get(i)::close);
        }
    }

    private void quietly(ThrowingRunnable step) {
        try {
            step.run();
        } catch (Exception e) {
            log.accept("[runtime] while stopping: " + e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

}
