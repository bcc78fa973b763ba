package dev.jobwire.aws.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real {@code moto_server} process that AWS SDK clients talk to over HTTP, for adapter tests.
 *
 * <p>Register it in a test class with {@code @RegisterExtension static final MotoServer MOTO =
 * new MotoServer();}. The first class to do so starts one server for the whole test run, on a
 * free loopback port, and waits until it answers; the server is stopped when the run ends (or,
 * failing that, when the JVM exits). Tests isolate themselves by using fresh resource names
 * ({@link #uniqueName}), never by restarting the server. If {@code moto_server} is not on the
 * PATH the tests fail, saying how to install it.
 */
public final class MotoServer implements BeforeAllCallback {
    private static final String COMMAND = "moto_server";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_TRIES = 3;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServer.class);

    private volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
    }

    /** Where the server listens, such as {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return started().endpoint;
    }

    /** A DynamoDB client for this server, shared by the test run; do not close it. */
    public DynamoDbClient dynamoDb() {
        return started().dynamoDb;
    }

    /** A name no other test has used, for tables and queues: {@code prefix-<random>}. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private Running started() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException(
                    "MotoServer is not started: register it with @RegisterExtension on a static field");
        }
        return current;
    }

    private static final class Running implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final URI endpoint;
        private final DynamoDbClient dynamoDb;
        private final Thread reaper;

        private Running(Process process, Path log, URI endpoint) {
            this.process = process;
            this.log = log;
            this.endpoint = endpoint;
            this.dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(new OneCallAtATime(UrlConnectionHttpClient.builder().build()))
                    .build();
            this.reaper = new Thread(process::destroyForcibly, "moto_server-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
        }

        static Running start() {
            NotReady lastFailure = null;
            // A port found free can be taken before moto binds it; another port then does.
            for (int attempt = 0; attempt < START_TRIES; attempt++) {
                try {
                    return startOn(freeLoopbackPort());
                } catch (NotReady failed) {
                    lastFailure = failed;
                }
            }
            throw lastFailure;
        }

        private static Running startOn(int port) {
            Path log;
            try {
                log = Files.createTempFile("moto_server-" + port + "-", ".log");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a log file for " + COMMAND, e);
            }
            Process process;
            try {
                process = new ProcessBuilder(COMMAND, "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                deleteQuietly(log);
                throw new IllegalStateException(COMMAND + " could not be started (" + e.getMessage() + "). The AWS"
                        + " adapter tests need it on the PATH of the build: install it with"
                        + "  pip install 'moto[server]'", e);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            try {
                awaitAnswer(process, endpoint);
            } catch (RuntimeException notReady) {
                process.destroyForcibly();
                String output = read(log);
                deleteQuietly(log);
                throw new NotReady(COMMAND + " did not answer on " + endpoint + " within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + output, notReady);
            }
            return new Running(process, log, endpoint);
        }

        private static void awaitAnswer(Process process, URI endpoint) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            try {
                await().atMost(STARTUP_TIMEOUT)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptionsInstanceOf(IOException.class)
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(COMMAND + " exited with code " + process.exitValue());
                            }
                            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
                        });
            } catch (ConditionTimeoutException timeout) {
                throw new IllegalStateException("no answer in time", timeout);
            }
        }

        @Override
        public void close() throws IOException {
            dynamoDb.close();
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(log);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting and the hook will run; nothing to undo.
            }
        }

        private static int freeLoopbackPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }

        private static void deleteQuietly(Path log) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // A leftover temporary file must not hide why the server did not start.
            }
        }

        private static String read(Path log) {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    /**
     * Lets one HTTP call reach moto at a time. moto runs concurrent requests on threads without
     * locking, so its conditional writes are not atomic against each other, and a cancelled
     * transaction restores a snapshot of the whole table, undoing writes made meanwhile. DynamoDB
     * makes every single request atomic; serialising whole requests gives moto that property
     * back, while races between the several requests of an adapter stay fully exposed. The
     * server has executed a request once its response headers arrive, which is when
     * {@code call()} returns.
     */
    private static final class OneCallAtATime implements SdkHttpClient {
        private final SdkHttpClient delegate;
        private final ReentrantLock lock = new ReentrantLock();

        OneCallAtATime(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            ExecutableHttpRequest call = delegate.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    lock.lock();
                    try {
                        return call.call();
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static final class NotReady extends IllegalStateException {
        NotReady(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
