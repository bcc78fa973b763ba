package dev.jobwire.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.google.gson.JsonObject;
import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.aws.dynamodb.DynamoDbTables;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.local.sqs.EmbeddedQueues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Cold start of each function's deployment jar: for each run, a job travels connect → submit →
 * worker → notifier → disconnect, every step in a fresh JVM whose class path is the function's
 * jar, the Lambda runtime's serializer and {@link ColdStartLauncher} — with the environment the
 * template gives the function, against local endpoints: {@code moto_server} for DynamoDB, an
 * embedded ElasticMQ for SQS, and the local runtime's management API, so the notifier's push lands
 * on a real connection.
 */
final class ColdStartScenario {
    private static final String SECRET = "jobwire-bench-cold-start-secret-0123456789";
    private static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /** A function measured: its module, handler and event class. */
    enum Function {
        CONNECT("connect", "dev.jobwire.connect.ConnectHandler", "APIGatewayV2WebSocketEvent"),
        SUBMIT("submit", "dev.jobwire.submit.SubmitHandler", "APIGatewayV2WebSocketEvent"),
        WORKER("worker", "dev.jobwire.worker.WorkerHandler", "SQSEvent"),
        NOTIFIER("notifier", "dev.jobwire.notifier.NotifierHandler", "SQSEvent"),
        DISCONNECT("disconnect", "dev.jobwire.disconnect.DisconnectHandler", "APIGatewayV2WebSocketEvent");

        final String module;
        final String handler;
        final String eventClass;

        Function(String module, String handler, String eventClass) {
            this.module = module;
            this.handler = handler;
            this.eventClass = "com.amazonaws.services.lambda.runtime.events." + eventClass;
        }
    }

    /** One launch: ms from JVM start to handler constructed and to response, and the process's wall time. */
    record Launch(long constructedMs, long respondedMs, long wallMs, String response) {
    }

    /** Medians of the runs of one function, with its jar's size. */
    record Result(Function function, Path jar, long jarBytes, List<Launch> launches) {
        long median(java.util.function.ToLongFunction<Launch> value) {
            long[] sorted = launches.stream().mapToLong(value).sorted().toArray();
            return sorted.length == 0 ? -1 : sorted[sorted.length / 2];
        }
    }

    private final Path root;
    private final Path work;
    private final URI managementEndpoint;
    private final Path serializerJar;
    private final Path launcherDir;

    ColdStartScenario(Path root, Path work, URI managementEndpoint) throws IOException {
        this.root = root;
        this.work = work;
        this.managementEndpoint = managementEndpoint;
        try {
            this.serializerJar = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        this.launcherDir = copyLauncher(work.resolve("launcher"));
    }

    /**
     * @param connectionId an open connection of {@code user} on the runtime behind {@code managementEndpoint}
     */
    List<Result> run(int runs, String user, String connectionId) throws IOException, InterruptedException {
        Map<Function, List<Launch>> launches = new LinkedHashMap<>();
        for (Function function : Function.values()) {
            launches.put(function, new ArrayList<>());
            jar(function);
        }
        try (MotoProcess moto = MotoProcess.start(work.resolve("moto_server.log"));
             EmbeddedQueues queues = EmbeddedQueues.start("127.0.0.1", 0)) {
            DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(moto.endpoint())
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .build();
            DynamoDbTables.Names tables = new DynamoDbTables.Names("bench-connections", "bench-jobs", "bench-job-events");
            DynamoDbTables.createIfMissing(dynamoDb, tables);
            SqsClient sqs = queues.client();
            String jobsQueue = sqs.createQueue(request -> request.queueName("bench-jobs")).queueUrl();
            String notifyQueue = sqs.createQueue(request -> request.queueName("bench-notify.fifo").attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
            Map<String, String> env = new HashMap<>();
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            env.put("AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SQS", queues.endpoint().toString());
            env.put("CONNECTIONS_TABLE", tables.connections());
            env.put("JOBS_TABLE", tables.jobs());
            env.put("JOB_EVENTS_TABLE", tables.jobEvents());
            env.put("JOBS_QUEUE_URL", jobsQueue);
            env.put("NOTIFY_QUEUE_URL", notifyQueue);
            env.put("MANAGEMENT_ENDPOINT", managementEndpoint.toString());
            env.put("MAX_ATTEMPTS", "3");
            env.put("EVENT_RETENTION_HOURS", "24");
            env.put("JOB_RETENTION_DAYS", "7");
            String token = new JwtTokenIssuer(SECRET, Clock.system()).issue(UserId.of(user), Duration.ofHours(1));
            long connectedAt = System.currentTimeMillis();
            for (int run = 1; run <= runs; run++) {
                launches.get(Function.CONNECT).add(launch(Function.CONNECT, env,
                        LambdaEventJson.connect(connectionId, token, connectedAt), "\"statusCode\":200"));
                String submit = "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":1,\"delayMs\":0},"
                        + "\"requestId\":\"cold-" + run + "\"}";
                launches.get(Function.SUBMIT).add(launch(Function.SUBMIT, env,
                        LambdaEventJson.message(connectionId, "submit", submit, connectedAt), "accepted"));
                List<Message> jobs = receive(sqs, jobsQueue, 1);
                launches.get(Function.WORKER).add(launch(Function.WORKER, env,
                        LambdaEventJson.sqs(arn("bench-jobs"), records(jobs)), "\"batchItemFailures\":[]"));
                delete(sqs, jobsQueue, jobs);
                List<Message> notifications = receive(sqs, notifyQueue, 2);
                launches.get(Function.NOTIFIER).add(launch(Function.NOTIFIER, env,
                        LambdaEventJson.sqs(arn("bench-notify.fifo"), records(notifications)),
                        "\"batchItemFailures\":[]"));
                delete(sqs, notifyQueue, notifications);
                launches.get(Function.DISCONNECT).add(launch(Function.DISCONNECT, env,
                        LambdaEventJson.disconnect(connectionId, connectedAt), "\"statusCode\":200"));
            }
            dynamoDb.close();
        }
        List<Result> results = new ArrayList<>();
        for (Function function : Function.values()) {
            Path jar = jar(function);
            results.add(new Result(function, jar, Files.size(jar), launches.get(function)));
        }
        return results;
    }

    private Path jar(Function function) {
        Path jar = root.resolve(function.module).resolve("target").resolve("jobwire-" + function.module + "-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the function jars first (bin/build, or"
                    + " mvn -pl bench -am package -DskipTests, which bin/bench runs)");
        }
        return jar;
    }

    private Launch launch(Function function, Map<String, String> env, String event, String expected)
            throws IOException, InterruptedException {
        Path eventFile = Files.createTempFile(work, function.module + "-event-", ".json");
        Files.writeString(eventFile, event);
        Path out = work.resolve(function.module + "-out.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar(function) + java.io.File.pathSeparator + launcherDir + java.io.File.pathSeparator
                        + serializerJar,
                ColdStartLauncher.class.getName(), function.handler, function.eventClass, eventFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env);
        if (function == Function.CONNECT) {
            // Only ConnectFunction gets JwtSecret in the template; the other jars leave the JWT library out.
            builder.environment().put("JWT_SECRET", SECRET);
        }
        // As the template: C1 only for the route and fan-out functions; the worker keeps C2.
        builder.environment().put("JAVA_TOOL_OPTIONS", function == Function.WORKER ? "-XX:+TieredCompilation" : C1_ONLY);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(function.handler + " did not finish within 120 s; output in " + out);
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(eventFile);
        String line = output.lines().filter(text -> text.startsWith(ColdStartLauncher.PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException(function.handler + " (exit " + process.exitValue()
                        + ") printed no result:\n" + output));
        String[] parts = line.substring(ColdStartLauncher.PREFIX.length()).split(" ", 3);
        if (!parts[2].contains(expected)) {
            throw new IllegalStateException(function.handler + " answered " + parts[2] + ", expected it to contain "
                    + expected + "\n" + output);
        }
        return new Launch(Long.parseLong(parts[0]), Long.parseLong(parts[1]), wallMs, parts[2]);
    }

    private static String arn(String queueName) {
        return "arn:aws:sqs:us-east-1:" + EmbeddedQueues.ACCOUNT_ID + ":" + queueName;
    }

    private static List<LambdaEventJson.SqsRecord> records(List<Message> messages) {
        List<LambdaEventJson.SqsRecord> records = new ArrayList<>();
        for (Message message : messages) {
            Map<String, String> attributes = new LinkedHashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            records.add(new LambdaEventJson.SqsRecord(message.messageId(), message.receiptHandle(), message.body(),
                    attributes));
        }
        return records;
    }

    /** Receives {@code count} messages that stay in flight (a FIFO group shows its next only after). */
    private static List<Message> receive(SqsClient sqs, String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < count && System.nanoTime() < deadline) {
            received.addAll(sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        if (received.size() != count) {
            throw new IllegalStateException("expected " + count + " messages on " + queueUrl + ", got " + received.size());
        }
        return received;
    }

    private static void delete(SqsClient sqs, String queueUrl, List<Message> messages) {
        for (Message message : messages) {
            sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
    }

    private static Path copyLauncher(Path dir) throws IOException {
        String file = ColdStartLauncher.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStartLauncher.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no " + file + " on the bench's class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    /** {@code moto_server} on a free loopback port, for the functions' DynamoDB calls. */
    static final class MotoProcess implements AutoCloseable {
        private final Process process;
        private final URI endpoint;

        private MotoProcess(Process process, URI endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static MotoProcess start(Path log) throws IOException, InterruptedException {
            int port = RuntimeProcess.freePort();
            Process process;
            try {
                process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("moto_server could not be started (" + e.getMessage() + "): the cold-start"
                        + " scenario needs it for DynamoDB (pip install 'moto[server]'), or skip it with --skip coldstart", e);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    http.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.discarding());
                    return new MotoProcess(process, endpoint);
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new IllegalStateException("moto_server did not answer on " + endpoint + "; see " + log);
                    }
                    Thread.sleep(200);
                }
            }
        }

        URI endpoint() {
            return endpoint;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static JsonObject toJson(Result result) {
        JsonObject json = new JsonObject();
        json.addProperty("function", result.function().handler);
        json.addProperty("jar", result.jar().getFileName().toString());
        json.addProperty("jarBytes", result.jarBytes());
        json.addProperty("runs", result.launches().size());
        json.addProperty("medianConstructedMs", result.median(Launch::constructedMs));
        json.addProperty("medianRespondedMs", result.median(Launch::respondedMs));
        json.addProperty("medianProcessWallMs", result.median(Launch::wallMs));
        return json;
    }
}
