package dev.jobwire.local.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every plain HTTP request on the runtime's one port (WebSocket upgrades are taken before it):
 * the management API under {@code /{stage}/@connections}, the local-only development endpoints
 * under {@code /{stage}/_dev}, the HTTP API's routes under {@code /{stage}}, the web app's
 * {@code /config.json}, and static files for the rest.
 */
public final class GatewayHandler extends Handler.Wrapper {
    /** How long a development token lasts. */
    public static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(12);

    private final String stage;
    private final ManagementApi management;
    private final ManagementFaults faults;
    private final JwtTokenIssuer tokens;
    private final Supplier<List<Connection>> connectionTable;
    private final java.time.Clock clock;
    private volatile HttpApi httpApi;

    /**
     * @param statics         serves everything else (the web app), or null
     * @param connectionTable the connections table's rows, for {@code _dev/connections}
     */
    public GatewayHandler(String stage, WebSocketApi api, ManagementFaults faults, JwtTokenIssuer tokens,
                          Supplier<List<Connection>> connectionTable, java.time.Clock clock, Handler statics) {
        super(statics);
        this.stage = Objects.requireNonNull(stage, "stage");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.management = new ManagementApi(api, faults);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.connectionTable = Objects.requireNonNull(connectionTable, "connectionTable");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the requests of the HTTP API's routes ({@code /{stage}/jobs…}) to {@code api}. */
    public GatewayHandler withHttpApi(HttpApi api) {
        this.httpApi = Objects.requireNonNull(api, "api");
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> segments = HttpExchange.segments(request);
        if (segments.size() == 1 && segments.get(0).equals("config.json") && HttpMethod.GET.is(request.getMethod())) {
            config(request, response, callback);
            return true;
        }
        if (!segments.isEmpty() && segments.get(0).equals(stage)) {
            if (segments.size() >= 2 && segments.get(1).equals("@connections")) {
                management.handle(request, response, callback, segments);
                return true;
            }
            if (segments.size() >= 2 && segments.get(1).equals("_dev")) {
                development(request, response, callback, segments);
                return true;
            }
            HttpApi http = httpApi;
            if (http != null && http.serves(segments)) {
                http.handle(request, response, callback, segments);
                return true;
            }
            if (segments.size() == 1) {
                HttpExchange.json(response, callback, 426,
                        "{\"message\":\"this is the WebSocket API: connect with ws:// and ?token=\"}");
                return true;
            }
            // API Gateway answers unknown paths of a stage with 403.
            response.getHeaders().put("x-amzn-ErrorType", "ForbiddenException");
            HttpExchange.json(response, callback, 403, "{\"message\":\"Forbidden\"}");
            return true;
        }
        if (getHandler() != null && super.handle(request, response, callback)) {
            return true;
        }
        HttpExchange.json(response, callback, 404, "{\"message\":\"Not Found\"}");
        return true;
    }

    private void config(Request request, Response response, Callback callback) {
        String authority = request.getHttpURI().getAuthority();
        JsonObject config = new JsonObject();
        config.addProperty("webSocketUrl", "ws://" + authority + "/" + stage);
        config.addProperty("tokenUrl", "/" + stage + "/_dev/token");
        config.addProperty("httpApiUrl", "http://" + authority + "/" + stage);
        config.addProperty("stage", stage);
        HttpExchange.json(response, callback, 200, config.toString());
    }

    private void development(Request request, Response response, Callback callback, List<String> segments)
            throws Exception {
        if (!HttpExchange.isLoopback(request)) {
            HttpExchange.json(response, callback, 403,
                    "{\"message\":\"development endpoints answer loopback clients only\"}");
            return;
        }
        String what = segments.size() == 3 ? segments.get(2) : "";
        if (what.equals("token") && HttpMethod.GET.is(request.getMethod())) {
            String user = Request.extractQueryParameters(request).getValue("user");
            UserId userId;
            try {
                userId = UserId.of(user == null ? "" : user);
            } catch (IllegalArgumentException e) {
                HttpExchange.json(response, callback, 400, error("user: " + e.getMessage()));
                return;
            }
            Instant expiresAt = clock.instant().plus(DEV_TOKEN_LIFETIME);
            JsonObject body = new JsonObject();
            body.addProperty("token", tokens.issue(userId, DEV_TOKEN_LIFETIME));
            body.addProperty("userId", userId.value());
            body.addProperty("expiresAt", DateTimeFormatter.ISO_INSTANT.format(expiresAt));
            HttpExchange.json(response, callback, 200, body.toString());
        } else if (what.equals("connections") && HttpMethod.GET.is(request.getMethod())) {
            JsonArray rows = new JsonArray();
            for (Connection connection : connectionTable.get()) {
                JsonObject row = new JsonObject();
                row.addProperty("connectionId", connection.connectionId().value());
                row.addProperty("userId", connection.userId().value());
                row.addProperty("connectedAt", DateTimeFormatter.ISO_INSTANT.format(connection.connectedAt()));
                row.addProperty("lastActiveAt", DateTimeFormatter.ISO_INSTANT.format(connection.lastSeenAt()));
                row.addProperty("expiresAt", DateTimeFormatter.ISO_INSTANT.format(connection.expiresAt()));
                row.addProperty("sourceIp", connection.sourceIp());
                row.addProperty("userAgent", connection.userAgent());
                rows.add(row);
            }
            JsonObject body = new JsonObject();
            body.add("connections", rows);
            HttpExchange.json(response, callback, 200, body.toString());
        } else if (what.equals("faults") && HttpMethod.POST.is(request.getMethod())) {
            var query = Request.extractQueryParameters(request);
            String kind = query.getValue("post");
            int count;
            try {
                count = query.getValue("count") == null ? 1 : Integer.parseInt(query.getValue("count"));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > 10_000) {
                HttpExchange.json(response, callback, 400, error("count must be a whole number from 1 to 10000"));
                return;
            }
            if ("throttle".equals(kind)) {
                faults.failPosts(count, ManagementFaults.Fault.throttled());
            } else if ("error".equals(kind)) {
                faults.failPosts(count, ManagementFaults.Fault.internalError());
            } else {
                HttpExchange.json(response, callback, 400, error("post must be throttle or error"));
                return;
            }
            HttpExchange.empty(response, callback, 204);
        } else {
            HttpExchange.json(response, callback, 404, error("no development endpoint " + String.join("/", segments)));
        }
    }

    private static String error(String message) {
        JsonObject body = new JsonObject();
        body.addProperty("message", message);
        return body.toString();
    }
}
