package dev.jobwire.local.gateway;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.jobwire.local.lambda.FunctionInvoker;
import dev.jobwire.local.lambda.Invocation;
import dev.jobwire.local.template.RouteDef;
import dev.jobwire.local.template.WebSocketApiDef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * API Gateway's WebSocket API in front of local functions, following AWS's documented behaviour:
 *
 * <ul>
 *   <li>{@code $connect} runs during the handshake; a non-2xx answer (or a failed invocation)
 *       fails the handshake with that status, and the connection takes no posts until it is open;</li>
 *   <li>each text message is routed on the API's selection expression ({@code $request.body.action}),
 *       falling back to {@code $default}; with neither, the client gets API Gateway's
 *       {@code {"message":"Forbidden","connectionId","requestId"}} frame; a failed invocation
 *       answers {@code {"message":"Internal server error",…}}. Messages of one connection are
 *       invoked concurrently, as on AWS;</li>
 *   <li>two-way routes (those with a route response) send the function's response body back;</li>
 *   <li>frames over 32 KB and messages over 128 KB close the connection with 1009, binary
 *       frames with 1003, and nothing of them reaches a route;</li>
 *   <li>a connection with no message from its client for the idle timeout, or open for the
 *       maximum duration, is closed with 1001 "Going away";</li>
 *   <li>{@code $disconnect} runs once for every connection that was open, with the close code and
 *       reason, after the socket is gone (so it cannot post to it).</li>
 * </ul>
 */
public final class WebSocketApi implements WebSocketCreator, AutoCloseable {
    /** API Gateway's limit on one WebSocket frame. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    /** API Gateway's limit on one WebSocket message (and on a management API post). */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /**
     * What Jetty itself reads before it gives up on a frame or message. It is above API Gateway's
     * limits so that a frame over them is read whole and answered with a clean close handshake
     * (1009) by the gateway, instead of a close sent while the client is still writing, which the
     * client may see as a reset (1006).
     */
    public static final int READ_LIMIT_BYTES = 1024 * 1024;

    private static final String FORBIDDEN = "Forbidden";
    private static final String INTERNAL_ERROR = "Internal server error";

    private final WebSocketApiDef api;
    private final Map<String, FunctionInvoker> functions;
    private final String apiId;
    private final String stage;
    private final Duration idleTimeout;
    private final Duration maxDuration;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService routes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "route-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "connection-timers");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    /**
     * @param functions   the local functions by logical id; every route's function must be there
     * @param apiId       the API id reported in request contexts
     * @param idleTimeout API Gateway's is 10 minutes
     * @param maxDuration API Gateway's is 2 hours
     * @param log         where one line per connection event goes
     */
    public WebSocketApi(WebSocketApiDef api, Map<String, ? extends FunctionInvoker> functions, String apiId,
                        String stage, Duration idleTimeout, Duration maxDuration, Clock clock,
                        Consumer<String> log) {
        this.api = Objects.requireNonNull(api, "api");
        this.functions = Map.copyOf(functions);
        for (RouteDef route : api.routes().values()) {
            if (!this.functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException(route.logicalId() + ": no local function " + route.functionLogicalId());
            }
        }
        this.apiId = Objects.requireNonNull(apiId, "apiId");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        long sweepMillis = Math.max(50, Math.min(1000, idleTimeout.toMillis() / 4));
        timers.scheduleWithFixedDelay(this::closeExpired, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** A live connection as the management API reports it. */
    public record ConnectionInfo(String connectionId, Instant connectedAt, Instant lastActiveAt, String sourceIp,
                                 String userAgent) {
    }

    /** How a management API call on a connection ended. */
    public enum PostResult { SENT, GONE }

    public Optional<ConnectionInfo> info(String connectionId) {
        Connection connection = open.get(connectionId);
        return connection == null ? Optional.empty() : Optional.of(connection.info());
    }

    /** Sends {@code text} to the connection, waiting until the frame is written (or fails). */
    public PostResult post(String connectionId, String text) {
        Connection connection = open.get(connectionId);
        if (connection == null || !connection.send(text, true)) {
            return PostResult.GONE;
        }
        connection.lastActiveAt = clock.instant();
        return PostResult.SENT;
    }

    /** Closes the connection with 1000, as the management API's DELETE does. */
    public PostResult delete(String connectionId) {
        Connection connection = open.get(connectionId);
        if (connection == null) {
            return PostResult.GONE;
        }
        connection.closeFromServer(1000, "Connection Closed Normally");
        return PostResult.SENT;
    }

    /** Drops the connection without a close frame, as a lost network does (the client sees 1006). */
    public void drop(String connectionId) {
        Connection connection = open.get(connectionId);
        if (connection != null) {
            connection.drop();
        }
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response,
                                  org.eclipse.jetty.util.Callback callback) {
        if (closing) {
            Response.writeError(request, response, callback, 503, "the local runtime is shutting down");
            return null;
        }
        Instant now = clock.instant();
        String userAgent = request.getHeaders().get("User-Agent");
        String host = request.getHttpURI().getHost();
        ApiGatewayEvents.ConnectionContext context = new ApiGatewayEvents.ConnectionContext(apiId, stage,
                host == null ? "localhost" : host, Ids.next(), now, Request.getRemoteAddr(request), userAgent);
        Optional<RouteDef> connectRoute = api.route("$connect");
        if (connectRoute.isPresent()) {
            String requestId = Ids.next();
            String event = ApiGatewayEvents.connect(context, requestId, now, headers(request), query(request));
            Invocation invocation = functions.get(connectRoute.get().functionLogicalId()).invoke(event);
            int status = connectStatus(invocation);
            if (status < 200 || status > 299) {
                log.accept("$connect rejected " + context.connectionId() + " with " + status);
                Response.writeError(request, response, callback, status);
                return null;
            }
        }
        return new Connection(context);
    }

    private static int connectStatus(Invocation invocation) {
        if (invocation.outcome() == Invocation.Outcome.THROTTLED) {
            return 429;
        }
        if (!invocation.succeeded()) {
            return 500;
        }
        try {
            JsonElement response = JsonParser.parseString(String.valueOf(invocation.payload()));
            if (response.isJsonObject() && response.getAsJsonObject().has("statusCode")) {
                return response.getAsJsonObject().get("statusCode").getAsInt();
            }
            // A proxy integration answer without a status code is taken as 200, as API Gateway does.
            return 200;
        } catch (RuntimeException e) {
            return 500;
        }
    }

    private static Map<String, List<String>> headers(ServerUpgradeRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static Map<String, List<String>> query(ServerUpgradeRequest request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field field : fields) {
            query.put(field.getName(), new ArrayList<>(field.getValues()));
        }
        return query;
    }

    private void closeExpired() {
        Instant now = clock.instant();
        for (Connection connection : open.values()) {
            if (now.isAfter(connection.lastClientMessageAt.plus(idleTimeout))
                    || now.isAfter(connection.context.connectedAt().plus(maxDuration))) {
                connection.closeFromServer(1001, "Going away");
            }
        }
    }

    private void route(Connection connection, String body) {
        Instant now = clock.instant();
        String routeKey = selectRoute(body);
        String requestId = Ids.next();
        Optional<RouteDef> route = api.route(routeKey);
        if (route.isEmpty()) {
            connection.send(gatewayMessage(FORBIDDEN, connection, requestId), false);
            return;
        }
        String event = ApiGatewayEvents.message(connection.context, routeKey, requestId, Ids.next(), now, body);
        Invocation invocation = functions.get(route.get().functionLogicalId()).invoke(event);
        if (!invocation.succeeded()) {
            connection.send(gatewayMessage(INTERNAL_ERROR, connection, requestId), false);
            return;
        }
        if (route.get().twoWay()) {
            String reply = responseBody(invocation.payload());
            if (reply != null) {
                connection.send(reply, false);
            }
        }
    }

    /** {@code $request.body.<field>}: the field's value when the body is a JSON object that has it as a string. */
    private String selectRoute(String body) {
        String expression = api.routeSelectionExpression();
        String prefix = "$request.body.";
        if (expression.startsWith(prefix)) {
            try {
                JsonElement parsed = JsonParser.parseString(body);
                if (parsed.isJsonObject()) {
                    JsonElement value = parsed.getAsJsonObject().get(expression.substring(prefix.length()));
                    if (value != null && value.isJsonPrimitive() && api.routes().containsKey(value.getAsString())
                            && !value.getAsString().startsWith("$")) {
                        return value.getAsString();
                    }
                }
            } catch (JsonParseException | IllegalStateException e) {
                // not JSON: $default
            }
        }
        return "$default";
    }

    private static String responseBody(String payload) {
        try {
            JsonElement response = JsonParser.parseString(String.valueOf(payload));
            if (response.isJsonObject()) {
                JsonElement body = response.getAsJsonObject().get("body");
                return body == null || body.isJsonNull() ? null : body.getAsString();
            }
            return response.isJsonNull() ? null : response.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String gatewayMessage(String message, Connection connection, String requestId) {
        JsonObject frame = new JsonObject();
        frame.addProperty("message", message);
        frame.addProperty("connectionId", connection.context.connectionId());
        frame.addProperty("requestId", requestId);
        return frame.toString();
    }

    private void disconnected(Connection connection, int statusCode, String reason) {
        open.remove(connection.context.connectionId());
        log.accept("disconnected " + connection.context.connectionId() + " (" + statusCode + " " + reason + ")");
        Optional<RouteDef> route = api.route("$disconnect");
        if (route.isEmpty()) {
            return;
        }
        String event = ApiGatewayEvents.disconnect(connection.context, Ids.next(), clock.instant(), statusCode, reason);
        Runnable invoke = () -> invokeDisconnect(route.get(), event, connection.context.connectionId());
        if (closing) {
            invoke.run();
        } else {
            routes.execute(invoke);
        }
    }

    /**
     * Runs {@code $disconnect}, waiting for the function's concurrency when it is exhausted: a mass
     * disconnect (a client process killed with a thousand sockets) must not leave rows behind
     * because the local concurrency limit was reached, where AWS's account concurrency would not be.
     */
    private void invokeDisconnect(RouteDef route, String event, String connectionId) {
        long delayMillis = 20;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Invocation invocation = functions.get(route.functionLogicalId()).invoke(event);
            if (invocation.outcome() != Invocation.Outcome.THROTTLED) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.accept("$disconnect of " + connectionId + " stayed throttled for 60 s and was given up; "
                        + "the row expires with its TTL");
                return;
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delayMillis = Math.min(1000, delayMillis * 2);
        }
    }

    /** Closes every connection with 1001 and runs their {@code $disconnect}; no new connection is accepted. */
    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
        for (Connection connection : List.copyOf(open.values())) {
            connection.closeFromServer(1001, "Going away");
        }
        routes.shutdown();
        try {
            if (!routes.awaitTermination(10, TimeUnit.SECONDS)) {
                routes.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How the gateway itself closed a connection, for its {@code $disconnect}. */
    private record Close(int code, String reason) {
    }

    /** One client connection: the Jetty session listener. */
    public final class Connection implements Session.Listener.AutoDemanding {
        private final ApiGatewayEvents.ConnectionContext context;
        private final AtomicReference<Close> serverClose = new AtomicReference<>();
        private volatile Session session;
        private volatile Instant lastClientMessageAt;
        private volatile Instant lastActiveAt;
        private volatile boolean disconnected;
        private final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
        private boolean assemblingText;

        Connection(ApiGatewayEvents.ConnectionContext context) {
            this.context = context;
            this.lastClientMessageAt = context.connectedAt();
            this.lastActiveAt = context.connectedAt();
        }

        ConnectionInfo info() {
            return new ConnectionInfo(context.connectionId(), context.connectedAt(), lastActiveAt, context.sourceIp(),
                    context.userAgent());
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            open.put(context.connectionId(), this);
            log.accept("connected " + context.connectionId() + " from " + context.sourceIp());
        }

        /**
         * Every frame, so that API Gateway's frame limit can be applied to frames as the client
         * sent them: text frames (and their continuations) are assembled here into messages.
         */
        @Override
        public void onWebSocketFrame(org.eclipse.jetty.websocket.api.Frame frame, Callback callback) {
            try {
                if (serverClose.get() != null) {
                    return;
                }
                byte opcode = frame.getOpCode();
                if (opcode == org.eclipse.jetty.websocket.api.Frame.Type.BINARY.getOpCode()
                        || (opcode == 0 && !assemblingText)) {
                    closeFromServer(1003, "Binary frames are not supported");
                    return;
                }
                if (opcode == org.eclipse.jetty.websocket.api.Frame.Type.PING.getOpCode()) {
                    // With a frame listener Jetty leaves pings to the endpoint; API Gateway answers them.
                    ByteBuffer payload = frame.hasPayload() ? copy(frame.getPayload()) : ByteBuffer.allocate(0);
                    Session current = session;
                    if (current != null) {
                        current.sendPong(payload, Callback.NOOP);
                    }
                    return;
                }
                if (opcode != org.eclipse.jetty.websocket.api.Frame.Type.TEXT.getOpCode() && opcode != 0) {
                    return; // pong and close frames: Jetty handles the close handshake itself
                }
                if (frame.getPayloadLength() > MAX_FRAME_BYTES) {
                    closeFromServer(1009, "Frame too large: more than " + MAX_FRAME_BYTES + " bytes");
                    return;
                }
                if (message.size() + frame.getPayloadLength() > MAX_MESSAGE_BYTES) {
                    closeFromServer(1009, "Message too big: more than " + MAX_MESSAGE_BYTES + " bytes");
                    return;
                }
                assemblingText = true;
                if (frame.hasPayload()) {
                    ByteBuffer payload = frame.getPayload().slice();
                    byte[] bytes = new byte[payload.remaining()];
                    payload.get(bytes);
                    message.write(bytes, 0, bytes.length);
                }
                if (frame.isFin()) {
                    byte[] complete = message.toByteArray();
                    message.reset();
                    assemblingText = false;
                    String text;
                    try {
                        text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(complete)).toString();
                    } catch (java.nio.charset.CharacterCodingException e) {
                        closeFromServer(1007, "Text message is not valid UTF-8");
                        return;
                    }
                    received(text);
                }
            } finally {
                callback.succeed();
            }
        }

        private ByteBuffer copy(ByteBuffer payload) {
            ByteBuffer source = payload.slice();
            ByteBuffer copy = ByteBuffer.allocate(source.remaining());
            copy.put(source).flip();
            return copy;
        }

        private void received(String text) {
            Instant now = clock.instant();
            lastClientMessageAt = now;
            lastActiveAt = now;
            routes.execute(() -> route(this, text));
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            log.accept("connection " + context.connectionId() + ": " + cause);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (disconnected) {
                return;
            }
            disconnected = true;
            Close ours = serverClose.get();
            if (ours != null) {
                disconnected(this, ours.code(), ours.reason());
            } else if (statusCode == 1000) {
                disconnected(this, statusCode, "Connection Closed Normally");
            } else {
                disconnected(this, statusCode, reason == null || reason.isEmpty()
                        ? "Client-side close frame status code " + statusCode : reason);
            }
        }

        void drop() {
            if (serverClose.compareAndSet(null, new Close(1006, "Connection closed abnormally"))) {
                Session current = session;
                if (current != null) {
                    current.disconnect();
                }
            }
        }

        void closeFromServer(int statusCode, String reason) {
            if (serverClose.compareAndSet(null, new Close(statusCode, reason))) {
                Session current = session;
                if (current != null) {
                    current.close(statusCode, reason, Callback.NOOP);
                }
            }
        }

        /** Sends one text frame; with {@code wait}, blocks until written and tells whether it was. */
        boolean send(String text, boolean wait) {
            Session current = session;
            if (current == null || !current.isOpen() || serverClose.get() != null) {
                return false;
            }
            Callback.Completable written = new Callback.Completable();
            current.sendText(text, written);
            if (!wait) {
                return true;
            }
            try {
                written.get(10, TimeUnit.SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                return false;
            }
        }
    }
}
