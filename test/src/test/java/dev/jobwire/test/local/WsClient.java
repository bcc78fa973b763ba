package dev.jobwire.test.local;

import org.awaitility.Awaitility;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client (Java-WebSocket) that records every text frame and how the connection
 * ended, with waits that poll until a condition holds or a timeout passes.
 */
final class WsClient extends WebSocketClient {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile int handshakeStatus;
    private volatile java.util.function.Consumer<String> onFrame = frame -> { };

    private WsClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    /** Connects and waits for the handshake; fails the test if it is refused. */
    static WsClient open(URI webSocketUrl, String token) throws InterruptedException {
        WsClient client = new WsClient(URI.create(webSocketUrl + "?token=" + token), Map.of("User-Agent", "jobwire-test/1.0"));
        if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("handshake refused: " + client.closeReason);
        }
        return client;
    }

    /** Tries to connect and returns the client, open or not. */
    static WsClient attempt(URI uri) throws InterruptedException {
        WsClient client = new WsClient(uri, Map.of());
        client.connectBlocking(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        handshakeStatus = handshake.getHttpStatus();
    }

    @Override
    public void onMessage(String message) {
        frames.add(message);
        onFrame.accept(message);
    }

    /** Opens a connection whose every text frame also goes to {@code onFrame}, in arrival order. */
    static WsClient open(URI webSocketUrl, String token, java.util.function.Consumer<String> onFrame)
            throws InterruptedException {
        WsClient client = new WsClient(URI.create(webSocketUrl + "?token=" + token), Map.of("User-Agent", "jobwire-test/1.0"));
        client.onFrame = onFrame;
        if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("handshake refused: " + client.closeReason);
        }
        return client;
    }

    /** Drops the TCP connection without a close frame, as a lost network does. */
    void dropAbruptly() throws java.io.IOException {
        getSocket().close();
    }

    private final java.util.concurrent.atomic.AtomicInteger pongs = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void onWebsocketPong(org.java_websocket.WebSocket conn, org.java_websocket.framing.Framedata frame) {
        pongs.incrementAndGet();
        super.onWebsocketPong(conn, frame);
    }

    int pongs() {
        return pongs.get();
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        frames.add("<binary " + bytes.remaining() + " bytes>");
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeReason = reason;
        closed.complete(new int[] {code});
    }

    @Override
    public void onError(Exception ex) {
        if (closeReason == null) {
            closeReason = String.valueOf(ex.getMessage());
        }
    }

    void sendJson(String json) {
        send(json);
    }

    List<JsonObject> json() {
        List<JsonObject> out = new ArrayList<>();
        for (String frame : frames) {
            out.add(JsonParser.parseString(frame).getAsJsonObject());
        }
        return out;
    }

    /** Waits for the first frame matching {@code match}. */
    JsonObject await(Predicate<JsonObject> match) {
        JsonObject[] found = new JsonObject[1];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (JsonObject frame : json()) {
                if (match.test(frame)) {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    JsonObject awaitType(String type) {
        return await(f -> f.has("type") && f.get("type").getAsString().equals(type));
    }

    /** Waits until the server closes the connection, returning the close code. */
    int awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)[0];
    }

    String closeReason() {
        return closeReason;
    }

    boolean isClosedAlready() {
        return closed.isDone();
    }

    static Predicate<JsonObject> type(String type) {
        return f -> f.has("type") && f.get("type").getAsString().equals(type);
    }
}
