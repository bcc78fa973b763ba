package dev.jobwire.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for one stage of API Gateway's WebSocket management API, answering
 * {@code POST /{stage}/@connections/{connectionId}} the way API Gateway does: 200 with an empty
 * body when delivered, 410 {@code GoneException} for an id that is unknown or closed, 413
 * {@code PayloadTooLargeException} over 128 KB, and, when scripted, 429
 * {@code LimitExceededException}, 403 {@code ForbiddenException} or 500. Errors carry the
 * {@code x-amzn-ErrorType} header and a JSON {@code message}, which is what the SDK reads to pick
 * the exception. Anything else is 403 {@code ForbiddenException}, as for a route the API lacks.
 */
public final class ManagementApiServer implements AutoCloseable {
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    public static final Answer THROTTLED = new Answer(429, "LimitExceededException", "Rate exceeded");
    public static final Answer FORBIDDEN = new Answer(403, "ForbiddenException", "Forbidden");
    public static final Answer SERVER_ERROR = new Answer(500, "InternalServerErrorException", "Internal server error");
    private static final Answer GONE = new Answer(410, "GoneException", null);
    private static final Answer TOO_LARGE = new Answer(413, "PayloadTooLargeException", "Message too long");

    private final String stage;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Boolean> open = new HashMap<>();
    private final Map<String, List<String>> frames = new HashMap<>();
    private final Map<String, Answer> alwaysAnswer = new HashMap<>();
    private final Map<String, Integer> requests = new HashMap<>();
    private final Deque<Answer> nextAnswers = new ArrayDeque<>();

    public ManagementApiServer(String stage) throws IOException {
        this.stage = stage;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The endpoint to configure the SDK client with, stage included. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
    }

    /** Opens a connection and returns its id, shaped like API Gateway's. */
    public synchronized String connect() {
        String id = "Ab+/" + ids.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6) + "=";
        open.put(id, true);
        frames.put(id, new ArrayList<>());
        return id;
    }

    /** Opens a connection with a given id, as a handshake through the gateway would. */
    public synchronized void open(String connectionId) {
        open.put(connectionId, true);
        frames.putIfAbsent(connectionId, new ArrayList<>());
    }

    public synchronized void disconnect(String connectionId) {
        open.put(connectionId, false);
    }

    public synchronized List<String> frames(String connectionId) {
        return List.copyOf(frames.getOrDefault(connectionId, List.of()));
    }

    /** How many POSTs arrived for the connection, retries included. */
    public synchronized int requests(String connectionId) {
        return requests.getOrDefault(connectionId, 0);
    }

    public synchronized void answerAlways(String connectionId, Answer answer) {
        alwaysAnswer.put(connectionId, answer);
    }

    public synchronized void answerNext(int count, Answer answer) {
        for (int i = 0; i < count; i++) {
            nextAnswers.add(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            String prefix = "/" + stage + "/@connections/";
            String rawPath = exchange.getRequestURI().getRawPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !rawPath.startsWith(prefix)) {
                respond(exchange, FORBIDDEN);
                return;
            }
            Answer answer = post(percentDecode(rawPath.substring(prefix.length())), body);
            if (answer == null) {
                exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
                exchange.sendResponseHeaders(200, -1);
            } else {
                respond(exchange, answer);
            }
        }
    }

    private synchronized Answer post(String connectionId, byte[] body) {
        requests.merge(connectionId, 1, Integer::sum);
        if (!nextAnswers.isEmpty()) {
            return nextAnswers.removeFirst();
        }
        if (alwaysAnswer.containsKey(connectionId)) {
            return alwaysAnswer.get(connectionId);
        }
        if (!Boolean.TRUE.equals(open.get(connectionId))) {
            return GONE;
        }
        if (body.length > MAX_PAYLOAD_BYTES) {
            return TOO_LARGE;
        }
        frames.get(connectionId).add(new String(body, StandardCharsets.UTF_8));
        return null;
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        String json = answer.message() == null ? "{\"message\":null}" : "{\"message\":\"" + answer.message() + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    // URLDecoder would turn '+' into a space, which a path never means.
    private static String percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An error the gateway answers with. */
    public record Answer(int status, String errorType, String message) {
    }
}
