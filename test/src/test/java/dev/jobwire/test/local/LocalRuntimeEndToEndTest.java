package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole stack over real sockets: WebSocket client → gateway → functions → ElasticMQ → pushes back. */
class LocalRuntimeEndToEndTest {
    static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Templates.REAL)
                .withWebappDir(Path.of("..", "webapp")), line -> { });
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void demoSleep_reachesTheClientAsAcceptedEveryProgressAndSucceededInOrder() throws Exception {
        WsClient alice = WsClient.open(runtime.webSocketUrl(), runtime.devToken("alice"));
        WsClient alicePhone = WsClient.open(runtime.webSocketUrl(), runtime.devToken("alice"));
        WsClient bob = WsClient.open(runtime.webSocketUrl(), runtime.devToken("bob"));
        try {
            alice.sendJson("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":5,\"delayMs\":20},\"requestId\":\"r1\"}");

            JsonObject accepted = alice.awaitType("accepted");
            String jobId = accepted.get("jobId").getAsString();
            assertThat(accepted.get("requestId").getAsString()).isEqualTo("r1");
            alice.awaitType("succeeded");

            List<JsonObject> events = alice.json().stream().filter(f -> f.has("seq")).toList();
            assertThat(events).extracting(f -> f.get("type").getAsString())
                    .containsExactly("progress", "progress", "progress", "progress", "progress", "succeeded");
            assertThat(events).extracting(f -> f.get("seq").getAsLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(events).allSatisfy(f -> assertThat(f.get("jobId").getAsString()).isEqualTo(jobId));
            assertThat(events.get(4).get("percent").getAsInt()).isEqualTo(100);

            alicePhone.awaitType("succeeded");
            assertThat(alicePhone.json().stream().filter(f -> f.has("seq")).toList()).isEqualTo(events);
            assertThat(bob.json()).isEmpty();
        } finally {
            alice.closeBlocking();
            alicePhone.closeBlocking();
            bob.closeBlocking();
        }
    }

    @Test
    void status_andPing_answerOnTheSameConnection() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("carol"));
        try {
            client.sendJson("{\"action\":\"ping\",\"requestId\":\"p\"}");
            assertThat(client.awaitType("pong").get("requestId").getAsString()).isEqualTo("p");

            client.sendJson("{\"action\":\"status\",\"jobId\":\"01JOBTHATDOESNOTEXIST00000\"}");
            assertThat(client.awaitType("error").get("code").getAsString()).isEqualTo("not_found");
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void devConnectionsEndpoint_listsTheTableRowsOfLiveConnections() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("dora"));
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                            runtime.managementEndpoint().resolve(runtime.managementEndpoint().getPath() + "/_dev/connections"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"userId\":\"dora\"").contains("jobwire-test/1.0");
        } finally {
            client.closeBlocking();
        }
    }
}
