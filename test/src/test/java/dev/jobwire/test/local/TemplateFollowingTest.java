package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime follows the template it is given: here a copy of template.yaml without the
 * {@code $default} route, with an added {@code echo} route, and with {@code $disconnect} answered
 * by a function that records its events; idle connections time out after two seconds, unless
 * their client sends {@code ping}.
 */
class TemplateFollowingTest {
    static final Duration IDLE = Duration.ofSeconds(2);
    static LocalRuntime runtime;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String template = Templates.real();
        template = Templates.withoutResource(template, "DefaultRoute");
        template = Templates.withoutResource(template, "DefaultRouteResponse");
        template = Templates.withResources(template, Templates.ECHO_ROUTE);
        template = template.replace("dev.jobwire.disconnect.DisconnectHandler::handleRequest",
                "dev.jobwire.test.local.RecordingHandler::handleRequest");
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Templates.write(dir, template))
                .withIdleTimeout(IDLE), line -> { });
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void addedRoute_isServedByItsFunction_withTheRealConnectionId() throws Exception {
        assertThat(runtime.template().webSocketApi().routes()).containsKey("echo").doesNotContainKey("$default");
        String user = DevApi.uniqueUser("echo");
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        try {
            client.sendJson("{\"action\":\"echo\",\"n\":1}");

            JsonObject echo = client.awaitType("echo");
            assertThat(echo.get("routeKey").getAsString()).isEqualTo("echo");
            assertThat(echo.get("body").getAsString()).isEqualTo("{\"action\":\"echo\",\"n\":1}");
            assertThat(echo.get("connectionId").getAsString()).isEqualTo(DevApi.onlyConnectionId(runtime, user));
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void unmatchedAction_withoutADefaultRoute_getsApiGatewaysForbiddenFrame() throws Exception {
        String user = DevApi.uniqueUser("forbidden");
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        try {
            client.sendJson("{\"action\":\"launch\"}");
            client.sendJson("not json");

            JsonObject forbidden = client.await(f -> f.has("message"));
            assertThat(forbidden.get("message").getAsString()).isEqualTo("Forbidden");
            assertThat(forbidden.get("connectionId").getAsString()).isEqualTo(DevApi.onlyConnectionId(runtime, user));
            assertThat(forbidden.get("requestId").getAsString()).isNotBlank();
            Awaitility.await().atMost(WsClient.WAIT).until(() -> client.json().size() == 2);
            assertThat(client.json()).allSatisfy(f -> assertThat(f.get("message").getAsString()).isEqualTo("Forbidden"));
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void idleConnection_isClosedWith1001_andDisconnectGetsItsIdCodeAndReason() throws Exception {
        String user = DevApi.uniqueUser("idle");
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        String id = DevApi.onlyConnectionId(runtime, user);

        assertThat(client.awaitClose()).isEqualTo(1001);

        List<JsonObject> events = awaitDisconnect(id);
        JsonObject context = events.get(0).getAsJsonObject("requestContext");
        assertThat(context.get("eventType").getAsString()).isEqualTo("DISCONNECT");
        assertThat(context.get("routeKey").getAsString()).isEqualTo("$disconnect");
        assertThat(context.get("disconnectStatusCode").getAsInt()).isEqualTo(1001);
        assertThat(context.get("disconnectReason").getAsString()).isEqualTo("Going away");
        assertThat(context.has("messageId")).isFalse();
        assertThat(events.get(0).has("headers")).isFalse();
        assertThat(events.get(0).has("queryStringParameters")).isFalse();
    }

    @Test
    void clientClose_givesDisconnectTheClientsCode() throws Exception {
        String user = DevApi.uniqueUser("leaving");
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        String id = DevApi.onlyConnectionId(runtime, user);

        client.closeBlocking();

        JsonObject context = awaitDisconnect(id).get(0).getAsJsonObject("requestContext");
        assertThat(context.get("disconnectStatusCode").getAsInt()).isEqualTo(1000);
        assertThat(context.get("disconnectReason").getAsString()).isEqualTo("Connection Closed Normally");
    }

    @Test
    void templateErrors_stopTheStartWithAMessageNamingTheResource(@TempDir Path dir) throws Exception {
        String unknownClass = Templates.real().replace("dev.jobwire.worker.WorkerHandler::handleRequest",
                "dev.jobwire.worker.NoSuchHandler::handleRequest");
        assertThatThrownBy(() -> LocalRuntime.start(LocalOptions.defaults().withPort(0)
                .withTemplate(Templates.write(dir, unknownClass)), line -> { }))
                .hasMessageContaining("WorkerFunction")
                .hasMessageContaining("dev.jobwire.worker.NoSuchHandler");

        String noIntegration = Templates.real().replace("Target: !Sub integrations/${SubmitIntegration}\n\n  SubmitRouteResponse",
                "Target: !Sub integrations/${NoSuchIntegration}\n\n  SubmitRouteResponse");
        assertThat(noIntegration).isNotEqualTo(Templates.real());
        assertThatThrownBy(() -> LocalRuntime.start(LocalOptions.defaults().withPort(0)
                .withTemplate(Templates.write(dir, noIntegration)), line -> { }))
                .hasMessageContaining("SubmitRoute");
    }

    @Test
    void pingKeepsAnIdleConnectionOpenPastTheIdleTimeout() throws Exception {
        WsClient pinging = WsClient.open(runtime.webSocketUrl(), runtime.devToken(DevApi.uniqueUser("ping")));
        WsClient silent = WsClient.open(runtime.webSocketUrl(), runtime.devToken(DevApi.uniqueUser("silent")));
        long end = System.nanoTime() + IDLE.multipliedBy(3).toNanos();
        int pongs = 0;
        while (System.nanoTime() < end) {
            pinging.send("{\"action\":\"ping\",\"requestId\":\"k" + pongs + "\"}");
            String requestId = "k" + pongs;
            pinging.await(f -> f.has("requestId") && f.get("requestId").getAsString().equals(requestId));
            pongs++;
            long next = System.nanoTime() + IDLE.toNanos() / 3;
            Awaitility.await().pollDelay(Duration.ZERO).atMost(IDLE).until(() -> System.nanoTime() >= next);
        }

        assertThat(silent.awaitClose()).isEqualTo(1001);
        assertThat(pinging.isOpen()).isTrue();
        pinging.closeBlocking();
    }

    private static List<JsonObject> awaitDisconnect(String connectionId) {
        Awaitility.await().atMost(WsClient.WAIT).until(() -> RecordingHandler.forConnection(connectionId).stream()
                .anyMatch(e -> e.getAsJsonObject("requestContext").get("eventType").getAsString().equals("DISCONNECT")));
        return RecordingHandler.forConnection(connectionId).stream()
                .filter(e -> e.getAsJsonObject("requestContext").get("eventType").getAsString().equals("DISCONNECT"))
                .toList();
    }
}
