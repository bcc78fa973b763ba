package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API Gateway's WebSocket behaviour that clients meet, on the real template. */
class WebSocketGatewayTest {
    static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Templates.REAL), line -> { });
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static int handshakeStatus(String query) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(runtime.webSocketUrl() + query), new WebSocket.Listener() { })
                    .join();
            socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void handshake_withoutOrWithABadToken_isRejectedWith401() {
        assertThat(handshakeStatus("")).isEqualTo(401);
        assertThat(handshakeStatus("?token=")).isEqualTo(401);
        assertThat(handshakeStatus("?token=not.a.jwt")).isEqualTo(401);
        assertThat(handshakeStatus("?token=" + runtime.devToken("alice") + "x")).isEqualTo(401);
        assertThat(handshakeStatus("?token=" + runtime.devToken("alice"))).isEqualTo(101);
    }

    @Test
    void unknownAction_andNonJson_goToTheDefaultRoute() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("erin"));
        try {
            client.sendJson("{\"action\":\"launch\",\"requestId\":\"u\"}");
            assertThat(client.await(f -> f.has("requestId") && f.get("requestId").getAsString().equals("u"))
                    .get("code").getAsString()).isEqualTo("unknown_action");

            client.sendJson("this is not JSON");
            assertThat(client.await(f -> f.has("type") && f.get("type").getAsString().equals("error")
                    && !f.has("requestId")).get("code").getAsString()).isEqualTo("bad_request");
        } finally {
            client.closeBlocking();
        }
    }

    @Test
    void messageOver128KB_closesWith1009() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("erin"));
        client.send("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(129 * 1024) + "\"}");

        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void frameOver32KB_closesWith1009() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("erin"));
        client.send("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(40 * 1024) + "\"}");

        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    @Test
    void messageInFramesUnder32KB_isRoutedUpTo128KB_andClosedWith1009Beyond() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("erin"));
        String padded = "{\"action\":\"ping\",\"requestId\":\"big\",\"pad\":\"" + "x".repeat(100 * 1024) + "\"}";
        sendInFrames(client, padded, 30 * 1024);
        assertThat(client.await(f -> f.has("requestId") && f.get("requestId").getAsString().equals("big"))
                .get("type").getAsString()).isEqualTo("pong");

        sendInFrames(client, "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(130 * 1024) + "\"}", 30 * 1024);
        assertThat(client.awaitClose()).isEqualTo(1009);
    }

    private static void sendInFrames(WsClient client, String text, int frameBytes) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += frameBytes) {
            int to = Math.min(bytes.length, from + frameBytes);
            client.sendFragmentedFrame(org.java_websocket.enums.Opcode.TEXT,
                    ByteBuffer.wrap(bytes, from, to - from), to == bytes.length);
        }
    }

    @Test
    void pingFrame_isAnsweredWithPong_andTheConnectionStaysOpen() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("erin"));
        client.sendPing();
        client.sendPing();

        org.awaitility.Awaitility.await().atMost(WsClient.WAIT).until(() -> client.pongs() >= 2);
        client.sendJson("{\"action\":\"ping\"}");
        client.awaitType("pong");
        client.closeBlocking();
    }

    @Test
    void binaryFrame_closesWith1003() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("erin"));
        client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertThat(client.awaitClose()).isEqualTo(1003);
    }

    @Test
    void aClosedConnection_isGoneFromTheConnectionsTable() throws Exception {
        String user = DevApi.uniqueUser("frank");
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        DevApi.onlyConnectionId(runtime, user);

        client.closeBlocking();

        org.awaitility.Awaitility.await().atMost(WsClient.WAIT)
                .until(() -> DevApi.connectionIds(runtime, user).isEmpty());
    }

    @Test
    void badInput_neverStopsTheRuntime() throws Exception {
        for (int i = 0; i < 3; i++) {
            WsClient noisy = WsClient.open(runtime.webSocketUrl(), runtime.devToken("gina"));
            noisy.send(ByteBuffer.wrap(new byte[] {0}));
            noisy.awaitClose();
        }
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("gina"));
        client.sendJson("{\"action\":\"ping\"}");
        client.awaitType("pong");
        client.closeBlocking();
    }
}
