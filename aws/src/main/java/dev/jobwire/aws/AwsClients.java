package dev.jobwire.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the AWS SDK clients of a function once, at cold start, and hands out the same client on
 * every later call. Thread-safe.
 *
 * <p>All clients share one {@link UrlConnectionHttpClient} (the lightest HTTP client: no extra
 * threads, fast to start), have an explicit region (no region lookup at start), bounded
 * {@linkplain #API_CALL_ATTEMPT_TIMEOUT attempt} and {@linkplain #API_CALL_TIMEOUT call}
 * timeouts, and the standard retry mode. Clients are built on first use, so a function that
 * never pushes needs no {@code MANAGEMENT_ENDPOINT}.
 *
 * <p>Endpoints: without an explicit endpoint the SDK resolves DynamoDB's and SQS's endpoints
 * itself, and so honours its standard overrides — the {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code AWS_ENDPOINT_URL_SQS} environment variables (or
 * the system properties {@code aws.endpointUrl}, {@code aws.endpointUrlDynamoDb},
 * {@code aws.endpointUrlSqs}, and {@code endpoint_url} in the shared config file), the
 * service-specific one winning. The management API has no regional endpoint of its own, so its
 * client always targets the configured management endpoint, whatever those variables say.
 *
 * <p>Calls that wait on purpose, such as an SQS long poll, must raise the timeouts for that
 * request through its {@code overrideConfiguration}.
 */
public final class AwsClients implements SdkAutoCloseable {
    /** The longest one HTTP attempt may take. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** The longest one call may take, retries included. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    // Above any attempt timeout, so that a long poll with raised timeouts is not cut by the socket.
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private final URI dynamoDbEndpoint;
    private final URI sqsEndpoint;
    private final Supplier<URI> managementEndpoint;
    private final Duration attemptTimeout;
    private final Duration callTimeout;
    private final SdkHttpClient httpClient;
    private final List<SdkAutoCloseable> built = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private ApiGatewayManagementApiClient managementApi;
    private boolean closed;

    private AwsClients(Builder builder) {
        this.region = Objects.requireNonNull(builder.region, "region is required");
        this.ownsCredentials = builder.credentials == null;
        this.credentials = ownsCredentials ? DefaultCredentialsProvider.builder().build() : builder.credentials;
        this.dynamoDbEndpoint = builder.dynamoDbEndpoint;
        this.sqsEndpoint = builder.sqsEndpoint;
        this.managementEndpoint = builder.managementEndpoint;
        this.attemptTimeout = builder.attemptTimeout;
        this.callTimeout = builder.callTimeout;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    /**
     * The clients of a Lambda function: the SDK's default credentials chain (Lambda's role), the
     * region from {@code AWS_REGION}, DynamoDB and SQS endpoints as the SDK resolves them, and the
     * management API at {@code MANAGEMENT_ENDPOINT}.
     *
     * @throws IllegalStateException if {@code AWS_REGION} is not set
     */
    public static AwsClients forLambda(Settings settings) {
        Builder builder = builder().region(settings.region());
        builder.managementEndpoint = settings::managementEndpoint;
        return builder.build();
    }

    /** Clients with explicit endpoints and credentials: for tests and the local runtime. */
    public static Builder builder() {
        return new Builder();
    }

    public synchronized DynamoDbClient dynamoDb() {
        requireOpen();
        if (dynamoDb == null) {
            dynamoDb = keep(configure(DynamoDbClient.builder(), dynamoDbEndpoint).build());
        }
        return dynamoDb;
    }

    public synchronized SqsClient sqs() {
        requireOpen();
        if (sqs == null) {
            sqs = keep(configure(SqsClient.builder(), sqsEndpoint).build());
        }
        return sqs;
    }

    /**
     * The API Gateway management API client for the configured endpoint.
     *
     * @throws IllegalStateException if no management endpoint is configured
     */
    public synchronized ApiGatewayManagementApiClient managementApi() {
        requireOpen();
        if (managementApi == null) {
            managementApi = keep(configure(ApiGatewayManagementApiClient.builder(), managementEndpoint.get()).build());
        }
        return managementApi;
    }

    /** Closes every client built so far and the shared HTTP client. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        built.forEach(SdkAutoCloseable::close);
        httpClient.close();
        if (ownsCredentials && credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(attemptTimeout)
                        .apiCallTimeout(callTimeout)
                        .retryStrategy(RetryMode.STANDARD)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private <C extends SdkAutoCloseable> C keep(C client) {
        built.add(client);
        return client;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("these AWS clients are closed");
        }
    }

    /** Settings for {@link AwsClients} built outside Lambda. */
    public static final class Builder {
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI dynamoDbEndpoint;
        private URI sqsEndpoint;
        private Supplier<URI> managementEndpoint = () -> {
            throw new IllegalStateException("no management endpoint configured (MANAGEMENT_ENDPOINT)");
        };
        private Duration attemptTimeout = API_CALL_ATTEMPT_TIMEOUT;
        private Duration callTimeout = API_CALL_TIMEOUT;

        private Builder() {
        }

        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The credentials; without this call, the SDK's default credentials chain. */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Fixed credentials, such as the dummy ones local emulators accept. */
        public Builder staticCredentials(String accessKeyId, String secretAccessKey) {
            return credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        }

        /** Sends DynamoDB and SQS calls to one endpoint. */
        public Builder endpoint(URI endpoint) {
            return dynamoDbEndpoint(endpoint).sqsEndpoint(endpoint);
        }

        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDbEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder sqsEndpoint(URI endpoint) {
            this.sqsEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The management API endpoint including the stage, such as {@code http://127.0.0.1:3001/local}. */
        public Builder managementEndpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            this.managementEndpoint = () -> endpoint;
            return this;
        }

        public Builder timeouts(Duration attemptTimeout, Duration callTimeout) {
            this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "attemptTimeout");
            this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
            return this;
        }

        public AwsClients build() {
            return new AwsClients(this);
        }
    }
}
