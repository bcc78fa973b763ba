package dev.jobwire.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobwire.aws.Settings.Variable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;

/**
 * The clients of a Lambda function honour the SDK's standard endpoint variables. The JVM cannot
 * change its own environment, so most tests use the SDK's system-property equivalents (read before
 * the environment, by the same code); one test starts a fresh JVM with the real variables.
 */
class AwsClientsTest {
    private static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlDynamoDb",
            "aws.endpointUrlSqs", "aws.accessKeyId", "aws.secretAccessKey");

    private final Map<String, String> savedProperties = new HashMap<>();
    private final List<AwsClients> opened = new ArrayList<>();
    private RecordingServer first;
    private RecordingServer second;

    @BeforeEach
    void startServers() throws IOException {
        PROPERTIES.forEach(name -> savedProperties.put(name, System.getProperty(name)));
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        first = new RecordingServer();
        second = new RecordingServer();
    }

    @AfterEach
    void restore() {
        opened.forEach(AwsClients::close);
        first.close();
        second.close();
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void forLambda_withGlobalEndpointUrl_sendsDynamoDbAndSqsCallsThere() {
        System.setProperty("aws.endpointUrl", first.endpoint().toString());
        AwsClients clients = forLambda(Map.of("AWS_REGION", "us-east-1"));

        clients.dynamoDb().listTables();
        clients.sqs().listQueues();

        assertThat(first.targets()).containsExactly("DynamoDB_20120810.ListTables", "AmazonSQS.ListQueues");
    }

    @Test
    void forLambda_withServiceEndpointUrl_itWinsOverTheGlobalOne() {
        System.setProperty("aws.endpointUrl", first.endpoint().toString());
        System.setProperty("aws.endpointUrlDynamoDb", second.endpoint().toString());
        AwsClients clients = forLambda(Map.of("AWS_REGION", "us-east-1"));

        clients.dynamoDb().listTables();
        clients.sqs().listQueues();

        assertThat(second.targets()).containsExactly("DynamoDB_20120810.ListTables");
        assertThat(first.targets()).containsExactly("AmazonSQS.ListQueues");
    }

    @Test
    void forLambda_managementClient_targetsManagementEndpointWhateverTheGlobalEndpointUrl() {
        System.setProperty("aws.endpointUrl", first.endpoint().toString());
        AwsClients clients = forLambda(Map.of("AWS_REGION", "eu-west-1",
                "MANAGEMENT_ENDPOINT", second.endpoint() + "/prod"));

        clients.managementApi().postToConnection(request -> request
                .connectionId("L0SM9cOFvHcCIhw=").data(SdkBytes.fromUtf8String("{}")));

        assertThat(second.paths()).containsExactly("/prod/@connections/L0SM9cOFvHcCIhw%3D");
        assertThat(first.paths()).isEmpty();
    }

    @Test
    void builder_explicitEndpoints_winOverEndpointUrls() {
        System.setProperty("aws.endpointUrl", first.endpoint().toString());
        AwsClients clients = track(AwsClients.builder().region(Region.US_EAST_1).staticCredentials("a", "b")
                .endpoint(second.endpoint()).build());

        clients.dynamoDb().listTables();
        clients.sqs().listQueues();

        assertThat(second.targets()).hasSize(2);
        assertThat(first.targets()).isEmpty();
    }

    @Test
    void forLambda_withoutRegion_failsNamingAwsRegion() {
        assertThatThrownBy(() -> forLambda(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void managementApi_withoutManagementEndpoint_failsNamingIt_whileOtherClientsWork() {
        System.setProperty("aws.endpointUrl", first.endpoint().toString());
        AwsClients clients = forLambda(Map.of("AWS_REGION", "us-east-1"));

        assertThatThrownBy(clients::managementApi)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MANAGEMENT_ENDPOINT");
        clients.sqs().listQueues();
        assertThat(first.targets()).containsExactly("AmazonSQS.ListQueues");
    }

    @Test
    void clients_areBuiltOnce_andUnusableAfterClose() {
        AwsClients clients = AwsClients.builder().region(Region.US_EAST_1).staticCredentials("a", "b")
                .endpoint(first.endpoint()).build();

        assertThat(clients.sqs()).isSameAs(clients.sqs());
        assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
        clients.close();
        assertThatThrownBy(clients::sqs).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forLambda_inAFreshJvm_honoursEndpointEnvironmentVariables() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EnvironmentProbe.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL", first.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", second.endpoint().toString());

        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("probe JVM finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(first.targets()).containsExactly("DynamoDB_20120810.ListTables");
        assertThat(second.targets()).containsExactly("AmazonSQS.ListQueues");
    }

    /** Run in a separate JVM by the test above: a function's cold start, reading the real environment. */
    static final class EnvironmentProbe {
        public static void main(String[] args) {
            Settings settings = Settings.fromSystemEnvironment(EnumSet.of(Variable.AWS_REGION));
            try (AwsClients clients = AwsClients.forLambda(settings)) {
                clients.dynamoDb().listTables();
                clients.sqs().listQueues();
            }
        }
    }

    private AwsClients forLambda(Map<String, String> env) {
        return track(AwsClients.forLambda(Settings.fromEnvironment(env, Set.of())));
    }

    private AwsClients track(AwsClients clients) {
        opened.add(clients);
        return clients;
    }

    /** Answers every request with an empty JSON object and remembers what it was asked. */
    private static final class RecordingServer implements AutoCloseable {
        private final HttpServer server;
        private final List<String> targets = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();

        RecordingServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        synchronized List<String> targets() {
            return List.copyOf(targets);
        }

        synchronized List<String> paths() {
            return List.copyOf(paths);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                synchronized (this) {
                    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                    if (target != null) {
                        targets.add(target);
                    }
                    paths.add(exchange.getRequestURI().getRawPath());
                }
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
