package dev.jobwire.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.aws.dynamodb.DynamoDbJobStore;
import dev.jobwire.aws.dynamodb.DynamoDbTables;
import dev.jobwire.aws.testing.ElasticMqServer;
import dev.jobwire.aws.testing.LambdaEvents;
import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.connect.ConnectHandler;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.UlidGenerator;
import dev.jobwire.core.webhook.WebhookSignature;
import com.sun.net.httpserver.HttpServer;
import dev.jobwire.disconnect.DisconnectHandler;
import dev.jobwire.http.HttpApiHandler;
import dev.jobwire.notifier.NotifierHandler;
import dev.jobwire.submit.SubmitHandler;
import dev.jobwire.test.jar.HandlerLauncher;
import dev.jobwire.aws.testing.ManagementApiServer;
import dev.jobwire.worker.DeadLetterHandler;
import dev.jobwire.webhook.WebhookHandler;
import dev.jobwire.worker.WorkerHandler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Each function's deployment jar works on its own, as Lambda loads it: a fresh JVM per
 * invocation whose class path is the shaded jar, the Lambda runtime's event serializer and a
 * one-class launcher — never the modules' plain classes — with the environment the template
 * gives the function, against moto_server (DynamoDB), ElasticMQ (SQS) and a management API
 * stand-in. A job travels connect → submit → worker → notifier, another one HTTP API → worker →
 * webhook (to a receiver on this machine) → HTTP API, and every step's real effect is checked in
 * the tables, the queues, what the stand-in received and what the receiver verified.
 *
 * <p>The jars are built in the {@code package} phase of the function modules, which the reactor
 * runs before this module's tests under {@code mvn verify} ({@code bin/test}); under a bare
 * {@code mvn test} they are missing or older than the classes, and the test fails saying so. The
 * timings printed at the end are an indication of cold start, not something asserted.
 */
class DeploymentJarTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** The budget a jar must stay within. */
    private static final long MAX_JAR_BYTES = 10_000_000;
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);
    private static final String STAGE = "prod";
    private static final String SECRET = "a-deployment-jar-test-secret-of-32-bytes-or-more";
    private static final String MAX_ATTEMPTS = "3";
    private static final Clock CLOCK = Clock.system();
    private static final String WEBHOOK_SECRET = "a-deployment-jar-test-webhook-secret-of-32-bytes";
    private static final String HTTP_API_URL = "https://k7n2p4q9r1.execute-api.us-east-1.amazonaws.com/prod";
    private static final List<String> MODULES = List.of("connect", "disconnect", "submit", "worker", "notifier",
            "http", "webhook");

    /** A function of the template: the module whose jar holds it, its handler, its event and its own settings. */
    private enum Function {
        CONNECT("connect", ConnectHandler.class, APIGatewayV2WebSocketEvent.class, true, true),
        DISCONNECT("disconnect", DisconnectHandler.class, APIGatewayV2WebSocketEvent.class, false, true),
        SUBMIT("submit", SubmitHandler.class, APIGatewayV2WebSocketEvent.class, false, true),
        WORKER("worker", WorkerHandler.class, SQSEvent.class, false, false),
        DEAD_LETTER("worker", DeadLetterHandler.class, SQSEvent.class, false, true),
        NOTIFIER("notifier", NotifierHandler.class, SQSEvent.class, false, true),
        HTTP_API("http", HttpApiHandler.class, APIGatewayV2HTTPEvent.class, true, true),
        WEBHOOK("webhook", WebhookHandler.class, SQSEvent.class, false, true);

        final String module;
        final Class<?> handler;
        final Class<?> eventType;
        final boolean verifiesTokens;
        final boolean c1Only;

        Function(String module, Class<?> handler, Class<?> eventType, boolean verifiesTokens, boolean c1Only) {
            this.module = module;
            this.handler = handler;
            this.eventType = eventType;
            this.verifiesTokens = verifiesTokens;
            this.c1Only = c1Only;
        }
    }

    /** One invocation, for the closing table. */
    private record Run(String step, Function function, long jarBytes, long constructedMs, long respondedMs) {
    }

    /** What the launcher printed. */
    private record Invocation(JsonObject response, String source, long constructedMs, long respondedMs) {
    }

    @TempDir
    static Path work;

    private static Path root;
    private static Path launcherDir;
    private static Path serializationJar;
    private static ElasticMqServer sqs;
    private static ManagementApiServer management;
    private static DynamoDbTables.Names tables;
    private static DynamoDbJobStore jobStore;
    private static String jobsQueueUrl;
    private static String notifyQueueUrl;
    private static String webhooksQueueUrl;
    private static final List<Run> runs = new ArrayList<>();

    @BeforeAll
    static void startEndpoints() throws IOException, URISyntaxException {
        root = repositoryRoot();
        launcherDir = copyLauncher();
        serializationJar = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        tables = new DynamoDbTables.Names(MotoServer.uniqueName("jar-connections"), MotoServer.uniqueName("jar-jobs"),
                MotoServer.uniqueName("jar-job-events"));
        DynamoDbTables.createIfMissing(MOTO.dynamoDb(), tables);
        jobStore = new DynamoDbJobStore(MOTO.dynamoDb(), tables.jobs(), CLOCK);
        sqs = ElasticMqServer.start();
        jobsQueueUrl = sqs.createStandardQueue("jobs");
        notifyQueueUrl = sqs.createFifoQueue("notify");
        webhooksQueueUrl = sqs.createStandardQueue("webhooks");
        management = new ManagementApiServer(STAGE);
    }

    @AfterAll
    static void stopEndpointsAndReport() {
        if (management != null) {
            management.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (!runs.isEmpty()) {
            System.out.println(table());
        }
    }

    @Test
    void deploymentJars_areAtMostTenMegabytes() throws IOException {
        for (String module : MODULES) {
            Path jar = deploymentJar(module);
            assertThat(Files.size(jar)).as("size of %s in bytes", root.relativize(jar)).isLessThanOrEqualTo(MAX_JAR_BYTES);
        }
    }

    @Test
    void deploymentJars_leaveOutWhatTheirFunctionsNeverCall() throws IOException {
        Map<String, List<String>> absent = new LinkedHashMap<>();
        absent.put("connect", List.of("software/amazon/awssdk/services/sqs/",
                "software/amazon/awssdk/services/apigatewaymanagementapi/", "org/joda/time/"));
        absent.put("disconnect", List.of("software/amazon/awssdk/services/sqs/",
                "software/amazon/awssdk/services/apigatewaymanagementapi/", "com/nimbusds/", "org/joda/time/"));
        absent.put("submit", List.of("com/nimbusds/", "org/joda/time/"));
        absent.put("worker", List.of("software/amazon/awssdk/services/apigatewaymanagementapi/", "com/nimbusds/"));
        absent.put("notifier", List.of("software/amazon/awssdk/services/sqs/", "com/nimbusds/"));
        absent.put("http", List.of("software/amazon/awssdk/services/apigatewaymanagementapi/", "org/joda/time/"));
        absent.put("webhook", List.of("software/amazon/awssdk/services/apigatewaymanagementapi/", "com/nimbusds/"));
        List<String> nowhere = List.of("software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/nio/netty/");
        for (String module : MODULES) {
            Path jar = deploymentJar(module);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> names = zip.stream().map(entry -> entry.getName()).toList();
                for (String prefix : concat(absent.get(module), nowhere)) {
                    assertThat(names.stream().filter(name -> name.startsWith(prefix)))
                            .as("entries of %s under %s", root.relativize(jar), prefix).isEmpty();
                }
                assertThat(names).as("%s holds its handler", root.relativize(jar))
                        .anyMatch(name -> name.startsWith("dev/jobwire/" + module + "/"));
            }
        }
    }

    @Test
    void eachDeploymentJar_onItsOwn_carriesAJobFromConnectToPushAndBack() {
        String user = "jar-user-" + UUID.randomUUID().toString().substring(0, 8);
        String connectionId = "Jr+/" + UUID.randomUUID().toString().substring(0, 8) + "=";
        management.open(connectionId);
        String token = new JwtTokenIssuer(SECRET, CLOCK).issue(UserId.of(user), Duration.ofHours(1));

        JsonObject connected = invoke("connect", Function.CONNECT, LambdaEvents.text("events/websocket-connect.json",
                Map.of("CONNECTION_ID", connectionId, "TOKEN", token, "USER_AGENT", "jobwire-jar-test/1.0")));
        assertThat(statusCode(connected)).as("connect response %s", connected).isEqualTo(200);
        assertThat(connectionRow(connectionId)).as("connection row").isNotEmpty()
                .containsEntry("userId", AttributeValue.fromS(user));

        String refusedId = "Jr+/" + UUID.randomUUID().toString().substring(0, 8) + "=";
        JsonObject refused = invoke("connect (no token)", Function.CONNECT,
                LambdaEvents.text("events/websocket-connect-no-token.json", Map.of("CONNECTION_ID", refusedId)));
        assertThat(statusCode(refused)).as("connect response %s", refused).isEqualTo(401);
        assertThat(connectionRow(refusedId)).as("row of the refused connection").isEmpty();

        String submitFrame = "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":3,\"delayMs\":0},"
                + "\"requestId\":\"jar-1\"}";
        JsonObject submitted = invoke("submit", Function.SUBMIT, LambdaEvents.text("events/websocket-message.json",
                Map.of("CONNECTION_ID", connectionId, "ROUTE_KEY", "submit", "BODY", submitFrame, "BASE64", "false")));
        assertThat(statusCode(submitted)).as("submit response %s", submitted).isEqualTo(200);
        JsonObject accepted = JsonParser.parseString(submitted.get("body").getAsString()).getAsJsonObject();
        assertThat(accepted.get("type").getAsString()).as("reply %s", accepted).isEqualTo("accepted");
        assertThat(accepted.get("status").getAsString()).as("reply %s", accepted).isEqualTo("QUEUED");
        assertThat(accepted.get("requestId").getAsString()).as("reply %s", accepted).isEqualTo("jar-1");
        JobId jobId = JobId.of(accepted.get("jobId").getAsString());
        assertThat(jobStore.get(jobId)).as("job %s", jobId).hasValueSatisfying(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.userId()).isEqualTo(UserId.of(user));
        });
        List<Message> jobMessages = receive(jobsQueueUrl, 1);
        assertThat(QueueCodec.decodeJob(jobMessages.get(0).body())).isEqualTo(jobId);

        Message jobMessage = jobMessages.get(0);
        JsonObject worked = invokeOn("worker", Function.WORKER, jobMessage);
        assertThat(batchItemFailures(worked)).as("worker response %s", worked).isEmpty();
        assertThat(jobStore.get(jobId)).as("job %s", jobId)
                .hasValueSatisfying(job -> assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED));
        delete(jobsQueueUrl, jobMessages);
        List<Message> notifications = receive(notifyQueueUrl, 4);

        JsonObject notified = invoke("notifier", Function.NOTIFIER, fifoBatch(notifications));
        assertThat(batchItemFailures(notified)).as("notifier response %s", notified).isEmpty();
        List<JsonObject> pushed = management.frames(connectionId).stream()
                .map(frame -> JsonParser.parseString(frame).getAsJsonObject()).toList();
        assertThat(pushed).as("frames pushed to %s", connectionId).hasSize(4)
                .allSatisfy(frame -> assertThat(frame.get("jobId").getAsString()).isEqualTo(jobId.value()));
        assertThat(pushed).extracting(frame -> frame.get("seq").getAsLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(pushed).extracting(frame -> frame.get("type").getAsString())
                .containsExactly("progress", "progress", "progress", "succeeded");
        delete(notifyQueueUrl, notifications);

        JobId stranded = queuedJob(user);
        JsonObject deadLettered = invoke("dead letter", Function.DEAD_LETTER, LambdaEvents.text("events/sqs-jobs.json",
                Map.of("MESSAGE_ID", UUID.randomUUID().toString(), "BODY", QueueCodec.encodeJob(stranded),
                        "RECEIVE_COUNT", MAX_ATTEMPTS)));
        assertThat(batchItemFailures(deadLettered)).as("dead-letter response %s", deadLettered).isEmpty();
        assertThat(jobStore.get(stranded)).as("job %s", stranded).hasValueSatisfying(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.error().code()).isEqualTo("dead_lettered");
        });
        List<Message> told = receive(notifyQueueUrl, 1);
        JsonObject failedFrame = JsonParser.parseString(QueueCodec.decodeNotification(told.get(0).body()).frame())
                .getAsJsonObject();
        assertThat(failedFrame.get("jobId").getAsString()).isEqualTo(stranded.value());
        assertThat(failedFrame.get("type").getAsString()).isEqualTo("failed");
        delete(notifyQueueUrl, told);

        JsonObject disconnected = invoke("disconnect", Function.DISCONNECT,
                LambdaEvents.text("events/websocket-disconnect.json", Map.of("CONNECTION_ID", connectionId)));
        assertThat(statusCode(disconnected)).as("disconnect response %s", disconnected).isEqualTo(200);
        assertThat(connectionRow(connectionId)).as("connection row after disconnect").isEmpty();
    }

    @Test
    void httpAndWebhookJars_onTheirOwn_acceptAJob_deliverItsSignedWebhook_andShowItWhenPolled() throws IOException {
        String user = "jar-http-" + UUID.randomUUID().toString().substring(0, 8);
        String token = new JwtTokenIssuer(SECRET, CLOCK).issue(UserId.of(user), Duration.ofHours(1));
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("body", body,
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)),
                    "eventId", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String body = "{\"type\":\"demo.sleep\",\"input\":{\"steps\":2,\"delayMs\":0},\"callbackUrl\":\""
                    + callbackUrl + "\"}";
            JsonObject posted = invoke("http submit", Function.HTTP_API, LambdaEvents.text("events/http-api-post-jobs.json",
                    Map.of("TOKEN", token, "BODY", body)));
            assertThat(statusCode(posted)).as("POST /jobs response %s", posted).isEqualTo(202);
            JobId jobId = JobId.of(JsonParser.parseString(posted.get("body").getAsString()).getAsJsonObject()
                    .get("jobId").getAsString());
            assertThat(posted.getAsJsonObject("headers").get("Location").getAsString())
                    .isEqualTo(HTTP_API_URL + "/jobs/" + jobId);

            List<Message> jobMessages = receive(jobsQueueUrl, 1);
            assertThat(QueueCodec.decodeJob(jobMessages.get(0).body())).isEqualTo(jobId);
            Message jobMessage = jobMessages.get(0);
            JsonObject worked = invokeOn("worker (http job)", Function.WORKER, jobMessage);
            assertThat(batchItemFailures(worked)).as("worker response %s", worked).isEmpty();
            delete(jobsQueueUrl, jobMessages);
            delete(notifyQueueUrl, receive(notifyQueueUrl, 3));

            List<Message> attempts = receive(webhooksQueueUrl, 1);
            Message attempt = attempts.get(0);
            JsonObject delivered = invokeOn("webhook", Function.WEBHOOK, attempt);
            assertThat(batchItemFailures(delivered)).as("webhook response %s", delivered).isEmpty();
            delete(webhooksQueueUrl, attempts);
            assertThat(received).as("webhooks received").hasSize(1);
            Map<String, String> webhook = received.get(0);
            JsonObject event = JsonParser.parseString(webhook.get("body")).getAsJsonObject();
            assertThat(event.get("type").getAsString()).isEqualTo("succeeded");
            assertThat(event.get("jobId").getAsString()).isEqualTo(jobId.value());
            assertThat(webhook.get("eventId")).isEqualTo(jobId.value() + "." + event.get("seq").getAsLong());
            assertThat(new WebhookSignature(WEBHOOK_SECRET).verify(webhook.get("signature"), webhook.get("body"),
                    CLOCK.now(), WebhookSignature.DEFAULT_TOLERANCE)).as("signature %s", webhook.get("signature")).isTrue();

            JsonObject polled = invoke("http poll", Function.HTTP_API, LambdaEvents.text("events/http-api-get-job.json",
                    Map.of("TOKEN", token, "JOB_ID", jobId.value())));
            assertThat(statusCode(polled)).as("GET /jobs/{id} response %s", polled).isEqualTo(200);
            JsonObject view = JsonParser.parseString(polled.get("body").getAsString()).getAsJsonObject();
            assertThat(view.get("status").getAsString()).as("job %s", view).isEqualTo("SUCCEEDED");
            assertThat(view.getAsJsonObject("webhook").get("status").getAsString()).as("job %s", view)
                    .isEqualTo("DELIVERED");
        } finally {
            receiver.stop(0);
        }
    }

    /** Invokes a function of a standard queue's event source with {@code message}, as SQS delivered it. */
    private static JsonObject invokeOn(String step, Function function, Message message) {
        return invoke(step, function, LambdaEvents.text("events/sqs-jobs.json", Map.of("MESSAGE_ID",
                message.messageId(), "BODY", message.body(), "RECEIVE_COUNT",
                message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
    }

    private static JsonObject invoke(String step, Function function, String eventJson) {
        Path jar = deploymentJar(function.module);
        Invocation invocation;
        try {
            invocation = launch(step, function, jar, eventJson);
            runs.add(new Run(step, function, Files.size(jar), invocation.constructedMs(), invocation.respondedMs()));
        } catch (IOException e) {
            throw new AssertionError(step + ": could not run " + function.handler.getName() + " from " + jar, e);
        }
        assertThat(Path.of(URI.create(invocation.source())))
                .as("%s: where %s was loaded from", step, function.handler.getSimpleName()).isEqualTo(jar);
        return invocation.response();
    }

    private static Invocation launch(String step, Function function, Path jar, String eventJson) throws IOException {
        String name = step.replaceAll("[^a-z]+", "-");
        Path event = Files.writeString(work.resolve(name + "-event.json"), eventJson);
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        String classPath = String.join(File.pathSeparator, jar.toString(), launcherDir.toString(),
                serializationJar.toString());
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, HandlerLauncher.class.getName(),
                function.handler.getName(), function.eventType.getName(), event.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(function));
        Process process = builder.start();
        boolean exited;
        try {
            exited = process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError(step + ": interrupted", e);
        }
        if (!exited) {
            process.destroyForcibly();
            fail("%s: %s from %s did not finish within %s%n%s", step, function.handler.getSimpleName(),
                    root.relativize(jar), PROCESS_TIMEOUT, output(stdout, stderr));
        }
        if (process.exitValue() != 0) {
            fail("%s: %s from %s exited with %d%n%s", step, function.handler.getSimpleName(), root.relativize(jar),
                    process.exitValue(), output(stdout, stderr));
        }
        Map<String, String> printed = new HashMap<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            for (String prefix : List.of(HandlerLauncher.SOURCE, HandlerLauncher.RESPONSE, HandlerLauncher.TIMINGS)) {
                if (line.startsWith(prefix)) {
                    printed.put(prefix, line.substring(prefix.length()));
                }
            }
        }
        if (printed.size() != 3) {
            fail("%s: the launcher did not print its three lines%n%s", step, output(stdout, stderr));
        }
        String[] timings = printed.get(HandlerLauncher.TIMINGS).split(" ");
        return new Invocation(JsonParser.parseString(printed.get(HandlerLauncher.RESPONSE)).getAsJsonObject(),
                printed.get(HandlerLauncher.SOURCE), Long.parseLong(timings[0]), Long.parseLong(timings[1]));
    }

    /** The environment Lambda would give the function under template.yaml, pointed at the local endpoints. */
    private static Map<String, String> environment(Function function) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", MOTO.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        env.put("CONNECTIONS_TABLE", tables.connections());
        env.put("JOBS_TABLE", tables.jobs());
        env.put("JOB_EVENTS_TABLE", tables.jobEvents());
        env.put("JOBS_QUEUE_URL", jobsQueueUrl);
        env.put("NOTIFY_QUEUE_URL", notifyQueueUrl);
        env.put("MANAGEMENT_ENDPOINT", management.endpoint().toString());
        env.put("HTTP_API_URL", HTTP_API_URL);
        env.put("WEBHOOK_QUEUE_URL", webhooksQueueUrl);
        // A receiver on this machine gets its webhook over plain http, as under bin/run --allow-loopback-callbacks.
        env.put("CALLBACK_LOOPBACK_ALLOWED", "true");
        if (function == Function.WEBHOOK) {
            env.put("WEBHOOK_SECRET", WEBHOOK_SECRET);
            env.put("WEBHOOK_MAX_ATTEMPTS", "8");
            env.put("WEBHOOK_FIRST_RETRY_SECONDS", "10");
        }
        env.put("MAX_ATTEMPTS", MAX_ATTEMPTS);
        env.put("EVENT_RETENTION_HOURS", "24");
        env.put("JOB_RETENTION_DAYS", "7");
        env.put("JAVA_TOOL_OPTIONS", function.c1Only
                ? "-XX:+TieredCompilation -XX:TieredStopAtLevel=1" : "-XX:+TieredCompilation");
        if (function.verifiesTokens) {
            env.put("JWT_SECRET", SECRET);
        }
        return env;
    }

    /** The module's deployment jar, which must exist and be newer than every class compiled for it. */
    private static Path deploymentJar(String module) {
        Path target = root.resolve(module).resolve("target");
        Path jar = target.resolve("jobwire-" + module + "-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            fail("%s is missing: the deployment jars are built in the package phase. Run `mvn verify` (or bin/test)"
                    + " at %s, not `mvn test`.", root.relativize(jar), root);
        }
        try (Stream<Path> classes = Files.walk(target.resolve("classes"))) {
            FileTime built = Files.getLastModifiedTime(jar);
            List<Path> newer = classes.filter(Files::isRegularFile)
                    .filter(file -> lastModified(file).compareTo(built) > 0).limit(3).toList();
            if (!newer.isEmpty()) {
                fail("%s is older than %s, compiled after it: run `mvn verify` (or bin/test) at %s, not `mvn test`.",
                        root.relativize(jar), newer.stream().map(root::relativize).toList(), root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not compare " + jar + " with the classes of " + module, e);
        }
        return jar;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's class file alone, in a directory of its own, so nothing else of the tests leaks in. */
    private static Path copyLauncher() throws IOException {
        String file = HandlerLauncher.class.getName().replace('.', '/') + ".class";
        Path dir = work.resolve("launcher");
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = HandlerLauncher.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no " + file + " on the test class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("pom.xml"))
                || !Files.isDirectory(root.resolve("function-parent"))) {
            throw new IllegalStateException("the test module's basedir " + module
                    + " is not a module directory of the jobwire repository");
        }
        return root;
    }

    /** A QUEUED job that no worker will take: what the jobs dead-letter queue is left holding. */
    private static JobId queuedJob(String user) {
        JobId jobId = JobId.of(new UlidGenerator(CLOCK).newId());
        Instant now = CLOCK.now();
        jobStore.create(Job.queued(jobId, UserId.of(user), "demo.sleep", "{\"steps\":1,\"delayMs\":0}", null, null,
                now, now.plus(Duration.ofDays(7))));
        return jobId;
    }

    /**
     * Receives exactly {@code count} messages, which stay in flight. A FIFO group hides its later
     * messages while earlier ones are in flight, so they must come in one receive.
     */
    private static List<Message> receive(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            received.addAll(sqs.client().receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
            return !received.isEmpty();
        });
        assertThat(received).as("messages received from %s", queueUrl).hasSize(count);
        String visible = sqs.client().getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        assertThat(visible).as("messages left in %s", queueUrl).isEqualTo("0");
        return received;
    }

    /** Deletes what a function processed without failures, as its event source mapping does. */
    private static void delete(String queueUrl, List<Message> messages) {
        for (Message message : messages) {
            sqs.client().deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
    }

    /** An event of the notify queue's event source, made of the messages as SQS delivered them. */
    private static String fifoBatch(List<Message> messages) {
        List<String> records = new ArrayList<>();
        for (Message message : messages) {
            Map<MessageSystemAttributeName, String> attributes = message.attributes();
            records.add(LambdaEvents.text("events/sqs-notify-record.json", Map.of(
                    "MESSAGE_ID", message.messageId(),
                    "BODY", message.body(),
                    "GROUP_ID", attributes.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                    "DEDUPLICATION_ID", attributes.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID),
                    "SEQUENCE_NUMBER", attributes.get(MessageSystemAttributeName.SEQUENCE_NUMBER))));
        }
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private static Map<String, AttributeValue> connectionRow(String connectionId) {
        return MOTO.dynamoDb().getItem(request -> request.tableName(tables.connections()).consistentRead(true)
                .key(Map.of("connectionId", AttributeValue.fromS(connectionId)))).item();
    }

    private static int statusCode(JsonObject response) {
        JsonElement status = response.get("statusCode");
        assertThat(status).as("statusCode in %s", response).isNotNull();
        return status.getAsInt();
    }

    private static List<String> batchItemFailures(JsonObject response) {
        JsonElement failures = response.get("batchItemFailures");
        assertThat(failures).as("batchItemFailures in %s", response).isNotNull();
        List<String> ids = new ArrayList<>();
        for (JsonElement failure : (JsonArray) failures) {
            ids.add(failure.toString());
        }
        return ids;
    }

    private static String output(Path stdout, Path stderr) {
        return "--- stderr ---\n" + read(stderr) + "\n--- stdout ---\n" + read(stdout);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String table() {
        StringBuilder out = new StringBuilder("\nDeployment jars, each invocation in a fresh JVM"
                + " (cold-start indication only, not asserted):\n");
        String format = "%-20s %-18s %-30s %9s %22s %16s%n";
        out.append(String.format(format, "step", "function", "jar", "size (MB)", "JVM start→constructed",
                "→first response"));
        for (Run run : runs) {
            out.append(String.format(format, run.step(), run.function().handler.getSimpleName(),
                    "jobwire-" + run.function().module + "-lambda.jar",
                    String.format("%.2f", run.jarBytes() / 1_000_000.0),
                    run.constructedMs() + " ms", run.respondedMs() + " ms"));
        }
        return out.toString();
    }
}
