package dev.jobwire.test.jar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One stage of API Gateway's WebSocket management API, as far as a pushing function sees it:
 * {@code POST /{stage}/@connections/{connectionId}} answers 200 with no body and records the
 * frame when the connection is open, and 410 {@code GoneException} otherwise; anything else is
 * 403 {@code ForbiddenException}. Errors carry the {@code x-amzn-ErrorType} header, which is
 * what the AWS SDK reads to choose the exception. It runs outside the function's JVM, as the
 * real API does.
 */
public final class ManagementApiStandIn implements AutoCloseable {
    private final String stage;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, List<String>> frames = new HashMap<>();

    public ManagementApiStandIn(String stage) throws IOException {
        this.stage = stage;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The endpoint a function is configured with ({@code MANAGEMENT_ENDPOINT}), stage included. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
    }

    /** Makes the connection live, as a completed handshake does. */
    public synchronized void open(String connectionId) {
        frames.putIfAbsent(connectionId, new ArrayList<>());
    }

    /** The frames delivered to the connection, in arrival order. */
    public synchronized List<String> frames(String connectionId) {
        return List.copyOf(frames.getOrDefault(connectionId, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String prefix = "/" + stage + "/@connections/";
            // getPath() decodes %XX but leaves '+' alone, as a path must: ids such as "Ab+/c=" survive.
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(prefix)) {
                error(exchange, 403, "ForbiddenException", "Forbidden");
                return;
            }
            if (!deliver(path.substring(prefix.length()), new String(body, StandardCharsets.UTF_8))) {
                error(exchange, 410, "GoneException", null);
                return;
            }
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private synchronized boolean deliver(String connectionId, String frame) {
        List<String> received = frames.get(connectionId);
        if (received == null) {
            return false;
        }
        received.add(frame);
        return true;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] json = ("{\"message\":" + (message == null ? "null" : "\"" + message + "\"") + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }
}
