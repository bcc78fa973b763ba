package dev.jobwire.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkWebSocketTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private EchoServer server;
    private final JdkWebSocketTransport transport = new JdkWebSocketTransport("jobwire-cli/test", TIMEOUT);

    @BeforeEach
    void start() throws Exception {
        server = new EchoServer(new InetSocketAddress("127.0.0.1", 0));
        server.setReuseAddr(true);
        server.start();
        assertThat(server.started.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(1000);
    }

    private URI url() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/local");
    }

    @Test
    void open_sendsTheTokenInTheQueryAndTheUserAgent_andReceivesWholeMessages() throws Exception {
        try (Session session = transport.open(url(), "a b&c")) {
            session.send("{\"action\":\"ping\"}");

            Incoming reply = session.receive(TIMEOUT);

            assertThat(reply).isEqualTo(new Incoming.Text("echo:{\"action\":\"ping\"}"));
        }
        assertThat(server.paths).containsExactly("/local?token=a+b%26c");
        assertThat(server.userAgents).containsExactly("jobwire-cli/test");
    }

    @Test
    void receive_afterTheServerCloses_reportsTheCloseCodeEveryTime() throws Exception {
        try (Session session = transport.open(url(), "t")) {
            session.send("close");

            Incoming first = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (first == null && System.nanoTime() < deadline) {
                first = session.receive(Duration.ofMillis(200));
            }

            assertThat(first).isEqualTo(new Incoming.Closed(1001, "Going away"));
            assertThat(session.receive(Duration.ofMillis(10))).isEqualTo(first);
            assertThatThrownBy(() -> session.send("x")).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void open_handshakeAnswered401_isARejectionNotWorthRetrying() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket socket = refusing.accept()) {
                    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                            java.nio.charset.StandardCharsets.US_ASCII));
                    String line;
                    while ((line = reader.readLine()) != null && !line.isEmpty()) {
                        // the request's headers; the answer does not depend on them
                    }
                    socket.getOutputStream().write(("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n"
                            + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    // the client went away; the assertion below reports what it saw
                }
            });
            answer.start();
            URI url = URI.create("ws://127.0.0.1:" + refusing.getLocalPort() + "/local");

            assertThatThrownBy(() -> transport.open(url, "bad"))
                    .isInstanceOfSatisfying(ConnectFailure.class, failure -> {
                        assertThat(failure.rejected()).isTrue();
                        assertThat(failure.getMessage()).isEqualTo("the server rejected the token (HTTP 401) at " + url);
                    });
            answer.join(TIMEOUT.toMillis());
        }
    }

    @Test
    void open_handshakeAnsweredWithAnotherStatus_namesItAndIsNotRetried() {
        assertThatThrownBy(() -> transport.open(url(), "refuse"))
                .isInstanceOfSatisfying(ConnectFailure.class, failure -> {
                    assertThat(failure.rejected()).isTrue();
                    assertThat(failure.getMessage()).contains("failed with HTTP 404");
                });
    }

    @Test
    void open_nothingListening_isARefusalWorthRetrying() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> transport.open(URI.create("ws://127.0.0.1:" + port + "/local"), "t"))
                .isInstanceOfSatisfying(ConnectFailure.class, failure -> {
                    assertThat(failure.rejected()).isFalse();
                    assertThat(failure.getMessage()).isEqualTo("connection refused by 127.0.0.1:" + port
                            + " (is the server running?)");
                });
    }

    private static final class EchoServer extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final List<String> paths = new CopyOnWriteArrayList<>();
        final List<String> userAgents = new CopyOnWriteArrayList<>();

        EchoServer(InetSocketAddress address) {
            super(address);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                ClientHandshake request) throws InvalidDataException {
            if (request.getResourceDescriptor().contains("token=refuse")) {
                throw new InvalidDataException(401, "Unauthorized");
            }
            return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            paths.add(handshake.getResourceDescriptor());
            userAgents.add(handshake.getFieldValue("User-Agent"));
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            if (message.equals("close")) {
                conn.close(1001, "Going away");
            } else {
                conn.send("echo:" + message);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
