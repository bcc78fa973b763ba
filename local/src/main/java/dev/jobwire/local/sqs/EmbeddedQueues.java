package dev.jobwire.local.sqs;

import dev.jobwire.local.template.QueueDef;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An embedded ElasticMQ server speaking the real SQS wire protocol, and the template's queues on
 * it. A queue's URL is {@code <endpoint>/000000000000/<queueName>} and its ARN
 * {@code arn:aws:sqs:<region>:000000000000:<queueName>}, as functions are promised; redrive to a
 * dead-letter queue after {@code maxReceiveCount} receives is ElasticMQ's doing, as it is SQS's.
 */
public final class EmbeddedQueues implements AutoCloseable {
    /** The account id ElasticMQ puts in queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";

    private final SQSRestServer server;
    private final URI endpoint;
    private final String region;
    private final SqsClient client;
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, String> arns = new ConcurrentHashMap<>();

    private EmbeddedQueues(SQSRestServer server, URI endpoint, String region) {
        this.server = server;
        this.endpoint = endpoint;
        this.region = region;
        this.client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** {@link #start(String, int, String)} in region us-east-1. */
    public static EmbeddedQueues start(String bindAddress, int port) {
        return start(bindAddress, port, DEFAULT_REGION);
    }

    /**
     * Starts ElasticMQ on {@code bindAddress}:{@code port} ({@code 0}: a free port) and waits until
     * it listens; ARNs name {@code region}.
     */
    public static EmbeddedQueues start(String bindAddress, int port, String region) {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(region, "region");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        var builder = SQSRestServerBuilder.withInterface(bindAddress)
                .withAWSRegion(region)
                .withAWSAccountId(ACCOUNT_ID);
        builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
        SQSRestServer server = builder.start();
        int boundPort = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://" + clientHost(bindAddress) + ":" + boundPort);
        return new EmbeddedQueues(server, endpoint, region);
    }

    private static String clientHost(String bindAddress) {
        if (bindAddress.equals("0.0.0.0") || bindAddress.isEmpty()) {
            return "127.0.0.1";
        }
        if (bindAddress.equals("::") || bindAddress.equals("[::]")) {
            return "[::1]";
        }
        return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
    }

    /** Where SQS clients reach the server, e.g. {@code http://127.0.0.1:9324}. */
    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    /** A real SQS client for this server: URL-connection HTTP, dummy static credentials, this region. */
    public SqsClient client() {
        return client;
    }

    /**
     * Creates {@code queues} through the SQS API, every dead-letter queue before the queues that
     * redrive to it, with the template's attributes. Returns each queue's URL by logical id, in
     * creation order.
     *
     * @throws IllegalArgumentException when a redrive target is not among {@code queues}, or redrives form a cycle
     */
    public Map<String, String> create(Collection<QueueDef> queues) {
        Map<String, QueueDef> byId = new LinkedHashMap<>();
        for (QueueDef queue : queues) {
            byId.put(queue.logicalId(), queue);
        }
        Map<String, String> created = new LinkedHashMap<>();
        for (QueueDef queue : byId.values()) {
            create(queue, byId, created, new java.util.HashSet<>());
        }
        return created;
    }

    private void create(QueueDef queue, Map<String, QueueDef> byId, Map<String, String> created,
                        java.util.Set<String> visiting) {
        if (created.containsKey(queue.logicalId())) {
            return;
        }
        if (!visiting.add(queue.logicalId())) {
            throw new IllegalArgumentException("redrive policies form a cycle through " + queue.logicalId());
        }
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, Boolean.toString(queue.contentBasedDeduplication()));
        }
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queue.visibilityTimeout().toSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(queue.messageRetention().toSeconds()));
        if (queue.deadLetterQueue() != null) {
            QueueDef target = byId.get(queue.deadLetterQueue());
            if (target == null) {
                throw new IllegalArgumentException(queue.logicalId() + " redrives to " + queue.deadLetterQueue()
                        + ", which is not among the queues to create");
            }
            create(target, byId, created, visiting);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arns.get(target.logicalId())
                    + "\",\"maxReceiveCount\":" + queue.maxReceiveCount() + "}");
        }
        String url = client.createQueue(request -> request.queueName(queue.queueName()).attributes(attributes)).queueUrl();
        String arn = client.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        urls.put(queue.logicalId(), url);
        arns.put(queue.logicalId(), arn);
        created.put(queue.logicalId(), url);
    }

    /** The URL of a queue {@link #create created} here. */
    public String url(String logicalId) {
        return known(urls, logicalId);
    }

    /** The ARN ElasticMQ reports for a queue {@link #create created} here. */
    public String arn(String logicalId) {
        return known(arns, logicalId);
    }

    private static String known(Map<String, String> values, String logicalId) {
        String value = values.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("no queue " + logicalId + " was created");
        }
        return value;
    }

    /** Closes the client and stops the server, waiting until it has. */
    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
