package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import dev.jobwire.local.gateway.ManagementFaults;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/** The AWS SDK's own management API client, unchanged, against the local stage endpoint. */
class ManagementApiTest {
    static LocalRuntime runtime;
    static ApiGatewayManagementApiClient sdk;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Templates.REAL), line -> { });
        sdk = ApiGatewayManagementApiClient.builder()
                .endpointOverride(runtime.managementEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        runtime.close();
    }

    /** A connection of a user of its own, and its id as the connections table has it. */
    private static WsClient connect(String[] id) throws InterruptedException {
        String user = DevApi.uniqueUser("mallory");
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        id[0] = DevApi.onlyConnectionId(runtime, user);
        return client;
    }

    @Test
    void postGetAndDelete_onALiveConnection() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String[] ids = new String[1];
        WsClient client = connect(ids);
        String id = ids[0];

        sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"hello\":1}")));
        JsonObject received = client.await(f -> f.has("hello"));
        assertThat(received.get("hello").getAsInt()).isEqualTo(1);

        GetConnectionResponse info = sdk.getConnection(b -> b.connectionId(id));
        assertThat(info.connectedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(info.lastActiveAt()).isAfterOrEqualTo(info.connectedAt());
        assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(info.identity().userAgent()).isEqualTo("jobwire-test/1.0");

        sdk.deleteConnection(b -> b.connectionId(id));
        assertThat(client.awaitClose()).isEqualTo(1000);

        assertThatThrownBy(() -> sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(GoneException.class)
                .satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
        assertThatThrownBy(() -> sdk.getConnection(b -> b.connectionId(id))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> sdk.deleteConnection(b -> b.connectionId(id))).isInstanceOf(GoneException.class);
    }

    @Test
    void post_over128KB_isPayloadTooLarge_andTheConnectionStaysOpen() throws Exception {
        String[] ids = new String[1];
        WsClient client = connect(ids);
        String id = ids[0];
        String big = "x".repeat(129 * 1024);

        assertThatThrownBy(() -> sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String(big))))
                .isInstanceOf(PayloadTooLargeException.class);
        sdk.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("{\"after\":true}")));
        client.await(f -> f.has("after"));
        client.closeBlocking();
    }

    @Test
    void post_whenApiGatewayThrottles_isLimitExceeded() throws Exception {
        String[] ids = new String[1];
        WsClient client = connect(ids);
        String id = ids[0];
        runtime.managementFaults().failPosts(1, ManagementFaults.Fault.throttled());

        // The SDK retries throttling on its own; with retries off the first answer is seen.
        try (ApiGatewayManagementApiClient noRetries = ApiGatewayManagementApiClient.builder()
                .endpointOverride(runtime.managementEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            assertThatThrownBy(() -> noRetries.postToConnection(b -> b.connectionId(id)
                    .data(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOf(LimitExceededException.class);
        }
        client.closeBlocking();
    }

    @Test
    void faultsEndpoint_withABadCount_isRefusedAndQueuesNothing() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String count : new String[] {"abc", "0", "-3", "99999999999"}) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            runtime.managementEndpoint() + "/_dev/faults?post=throttle&count=" + count))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(count).isEqualTo(400);
        }
        String[] ids = new String[1];
        WsClient client = connect(ids);
        sdk.postToConnection(b -> b.connectionId(ids[0]).data(SdkBytes.fromUtf8String("{\"delivered\":true}")));
        client.await(f -> f.has("delivered"));
        client.closeBlocking();
    }

    @Test
    void unknownPathsAndMethods_areForbidden() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(runtime.managementEndpoint() + "/@connections/abc/extra"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ForbiddenException");
    }
}
