package dev.jobwire.aws.testing;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An embedded ElasticMQ server (the SQS wire protocol) on a free loopback port, with a real
 * {@link SqsClient} pointed at it. {@link #shared()} starts one per test JVM, stopped at exit;
 * every test creates its own uniquely named queues, so tests never see each other's messages.
 */
public final class ElasticMqServer implements AutoCloseable {
    private static ElasticMqServer shared;

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMqServer() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A server of its own, for a test that must stop it. */
    public static ElasticMqServer start() {
        return new ElasticMqServer();
    }

    /** The server shared by every test in this JVM. */
    public static synchronized ElasticMqServer shared() {
        if (shared == null) {
            ElasticMqServer started = new ElasticMqServer();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "elasticmq-stop"));
            shared = started;
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A real SQS client for this server, with dummy credentials and region us-east-1. */
    public SqsClient client() {
        return client;
    }

    /** Creates a standard queue with a unique name starting with {@code prefix}; returns its URL. */
    public String createStandardQueue(String prefix) {
        return client.createQueue(request -> request.queueName(uniqueName(prefix))).queueUrl();
    }

    /** Creates a FIFO queue with content-based deduplication off, as jobwire's notify queue. */
    public String createFifoQueue(String prefix) {
        return client.createQueue(request -> request
                .queueName(uniqueName(prefix) + ".fifo")
                .attributes(Map.of(
                        QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")))
                .queueUrl();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
