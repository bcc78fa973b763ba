package dev.jobwire.local.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.local.lambda.FunctionInvoker;
import dev.jobwire.local.lambda.Invocation;
import dev.jobwire.local.template.HttpApiDef;
import dev.jobwire.local.template.HttpCorsDef;
import dev.jobwire.local.template.HttpRouteDef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * API Gateway's HTTP API in front of local functions, under {@code /{stage}/…} on the runtime's
 * one port, following AWS's documented behaviour for {@code AWS_PROXY} integrations with payload
 * format 2.0:
 *
 * <ul>
 *   <li>routes are matched on method and path, the most specific first (literal segments over
 *       {@code {param}}, over a greedy {@code {param+}}; a method over {@code ANY}), then
 *       {@code $default}; with no match the gateway answers {@code 404 {"message":"Not Found"}};</li>
 *   <li>the event has {@code version} 2.0, the {@code routeKey}, {@code rawPath} (with the stage,
 *       as for a named stage), {@code rawQueryString}, header names lower-cased and repeated
 *       headers joined with commas, cookies in {@code cookies}, query parameters joined the same
 *       way, {@code pathParameters} decoded, {@code requestContext} with {@code http.method},
 *       {@code path}, {@code protocol}, {@code sourceIp}, {@code userAgent}, {@code requestId},
 *       {@code stage}, {@code time} and {@code timeEpoch}; a body that is not text is base64 with
 *       {@code isBase64Encoded};</li>
 *   <li>the function's {@code statusCode}, {@code headers}, {@code cookies}, {@code body} and
 *       {@code isBase64Encoded} become the response; an answer without {@code statusCode} is
 *       200 with the answer as a JSON body; a failed invocation is
 *       {@code 500 {"message":"Internal Server Error"}};</li>
 *   <li>bodies over 10 MB are refused with 413; every response carries {@code apigw-requestid};</li>
 *   <li>with a {@code CorsConfiguration}, a preflight ({@code OPTIONS} with {@code Origin} and
 *       {@code Access-Control-Request-Method}) is answered by the gateway, never by a function:
 *       204 with the allowed methods, headers and max age when the origin is allowed, without any
 *       CORS header when it is not; every other answer to an allowed origin carries
 *       {@code Access-Control-Allow-Origin} and the exposed headers, and CORS headers a function
 *       returns are dropped.</li>
 * </ul>
 */
public final class HttpApi {
    /** API Gateway's payload limit for HTTP APIs. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final Map<String, FunctionInvoker> functions;
    private final List<Route> routes = new ArrayList<>();
    private final Route defaultRoute;
    private final HttpCorsDef cors;
    private final String apiId;
    private final String stage;
    private final String accountId;
    private final Clock clock;
    private final Consumer<String> log;

    /** A route key taken apart for matching. */
    private record Route(HttpRouteDef def, String method, List<String> segments) {
        boolean greedy() {
            return !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
        }

        /** The path parameters when {@code path} matches, else null. */
        Map<String, String> match(List<String> path) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                boolean parameter = segment.startsWith("{") && segment.endsWith("}");
                if (parameter && segment.endsWith("+}") && i == segments.size() - 1) {
                    if (path.size() <= i) {
                        return null;
                    }
                    parameters.put(segment.substring(1, segment.length() - 2), String.join("/", path.subList(i,
                            path.size())));
                    return parameters;
                }
                if (i >= path.size()) {
                    return null;
                }
                if (parameter) {
                    parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
                } else if (!segment.equals(path.get(i))) {
                    return null;
                }
            }
            return path.size() == segments.size() ? parameters : null;
        }

        /** Higher is more specific. */
        long specificity() {
            long literals = segments.stream().filter(s -> !s.startsWith("{")).count();
            return literals * 10_000 + segments.size() * 100 + (greedy() ? 0 : 10) + (method.equals("ANY") ? 0 : 1);
        }
    }

    /**
     * @param functions the local functions by logical id; every route's function must be there
     * @param apiId     the API id reported in request contexts
     */
    public HttpApi(HttpApiDef api, Map<String, ? extends FunctionInvoker> functions, String apiId, String stage,
                   String accountId, Clock clock, Consumer<String> log) {
        Objects.requireNonNull(api, "api");
        this.functions = Map.copyOf(functions);
        Route fallback = null;
        for (HttpRouteDef route : api.routes().values()) {
            if (!this.functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException(route.logicalId() + ": no local function "
                        + route.functionLogicalId());
            }
            if (route.routeKey().equals("$default")) {
                fallback = new Route(route, "ANY", List.of());
                continue;
            }
            int space = route.routeKey().indexOf(' ');
            List<String> segments = new ArrayList<>();
            for (String part : route.routeKey().substring(space + 1).split("/")) {
                if (!part.isEmpty()) {
                    segments.add(part);
                }
            }
            routes.add(new Route(route, route.routeKey().substring(0, space), List.copyOf(segments)));
        }
        this.defaultRoute = fallback;
        this.cors = api.cors();
        this.apiId = Objects.requireNonNull(apiId, "apiId");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Whether a request for these path segments ({@code [stage, …]}) belongs to this API. */
    public boolean serves(List<String> segments) {
        if (segments.isEmpty() || !segments.get(0).equals(stage)) {
            return false;
        }
        if (defaultRoute != null) {
            return true;
        }
        List<String> path = segments.subList(1, segments.size());
        return routes.stream().anyMatch(route -> route.match(path) != null);
    }

    /** Answers one request whose path {@link #serves} accepted. */
    public void handle(Request request, Response response, Callback callback, List<String> segments)
            throws IOException {
        String requestId = Ids.next();
        response.getHeaders().put("apigw-requestid", requestId);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        List<String> path = segments.subList(1, segments.size());
        if (cors != null) {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            String allowed = cors.allowedOrigin(origin);
            if (method.equals("OPTIONS") && origin != null
                    && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null) {
                preflight(response, callback, allowed);
                return;
            }
            if (allowed != null) {
                allowOrigin(response, allowed);
                if (!cors.exposeHeaders().isEmpty()) {
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS,
                            String.join(",", cors.exposeHeaders()));
                }
            }
        }
        Route best = null;
        Map<String, String> parameters = null;
        for (Route route : routes) {
            if (!route.method().equals(method) && !route.method().equals("ANY")) {
                continue;
            }
            Map<String, String> matched = route.match(path);
            if (matched != null && (best == null || route.specificity() > best.specificity())) {
                best = route;
                parameters = matched;
            }
        }
        if (best == null && defaultRoute != null) {
            best = defaultRoute;
            parameters = Map.of();
        }
        if (best == null) {
            message(response, callback, 404, "Not Found");
            return;
        }
        byte[] body = HttpExchange.body(request, MAX_BODY_BYTES);
        if (body == null) {
            message(response, callback, 413, "Request Entity Too Large");
            return;
        }
        String event = event(request, best.def().routeKey(), parameters, body, requestId);
        Invocation invocation = functions.get(best.def().functionLogicalId()).invoke(event);
        if (!invocation.succeeded()) {
            log.accept(method + " " + request.getHttpURI().getPath() + ": " + best.def().functionLogicalId() + " "
                    + invocation.outcome() + "; answered 500");
            message(response, callback, 500, "Internal Server Error");
            return;
        }
        respond(invocation.payload(), response, callback, cors != null);
    }

    /** The gateway's own answer to a preflight; an origin that is not allowed gets no CORS header. */
    private void preflight(Response response, Callback callback, String allowed) {
        if (allowed != null) {
            allowOrigin(response, allowed);
            if (!cors.allowMethods().isEmpty()) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS,
                        String.join(",", cors.allowMethods()));
            }
            if (!cors.allowHeaders().isEmpty()) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
                        String.join(",", cors.allowHeaders()));
            }
            if (cors.maxAge() != null) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, cors.maxAge().toString());
            }
        }
        response.setStatus(204);
        response.write(true, null, callback);
    }

    private void allowOrigin(Response response, String allowed) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        if (!allowed.equals("*")) {
            // The answer depends on the Origin header: caches must keep one per origin.
            response.getHeaders().add(HttpHeader.VARY, "Origin");
        }
        if (cors.allowCredentials()) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }

    private String event(Request request, String routeKey, Map<String, String> pathParameters, byte[] body,
                         String requestId) {
        Instant now = clock.instant();
        JsonObject event = new JsonObject();
        event.addProperty("version", "2.0");
        event.addProperty("routeKey", routeKey);
        String rawPath = request.getHttpURI().getPath();
        event.addProperty("rawPath", rawPath);
        String rawQuery = request.getHttpURI().getQuery();
        event.addProperty("rawQueryString", rawQuery == null ? "" : rawQuery);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonArray cookies = new JsonArray();
        for (HttpField field : request.getHeaders()) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : field.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
                continue;
            }
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(field.getValue());
        }
        if (!cookies.isEmpty()) {
            event.add("cookies", cookies);
        }
        event.add("headers", joined(headers));
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : Request.extractQueryParameters(request, StandardCharsets.UTF_8)) {
            query.put(field.getName(), field.getValues());
        }
        if (!query.isEmpty()) {
            event.add("queryStringParameters", joined(query));
        }
        String host = request.getHttpURI().getAuthority();
        JsonObject context = new JsonObject();
        context.addProperty("accountId", accountId);
        context.addProperty("apiId", apiId);
        context.addProperty("domainName", host);
        context.addProperty("domainPrefix", host.split("[.:]")[0]);
        JsonObject http = new JsonObject();
        http.addProperty("method", request.getMethod().toUpperCase(Locale.ROOT));
        http.addProperty("path", rawPath);
        http.addProperty("protocol", request.getConnectionMetaData().getProtocol());
        http.addProperty("sourceIp", Request.getRemoteAddr(request));
        http.addProperty("userAgent", request.getHeaders().get(HttpHeader.USER_AGENT));
        context.add("http", http);
        context.addProperty("requestId", requestId);
        context.addProperty("routeKey", routeKey);
        context.addProperty("stage", stage);
        context.addProperty("time", REQUEST_TIME.format(now));
        context.addProperty("timeEpoch", now.toEpochMilli());
        event.add("requestContext", context);
        if (!pathParameters.isEmpty()) {
            JsonObject parameters = new JsonObject();
            pathParameters.forEach(parameters::addProperty);
            event.add("pathParameters", parameters);
        }
        boolean text = isText(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (body.length > 0) {
            event.addProperty("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
        }
        event.addProperty("isBase64Encoded", body.length > 0 && !text);
        return event.toString();
    }

    /** The content types API Gateway passes as text; anything else arrives base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json")
                || type.endsWith("/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    private static JsonObject joined(Map<String, List<String>> values) {
        JsonObject out = new JsonObject();
        values.forEach((name, list) -> out.addProperty(name, String.join(",", list)));
        return out;
    }

    /**
     * Maps a payload format 2.0 answer to the HTTP response; with {@code gatewayCors} the CORS
     * headers are the gateway's, and those of the answer are dropped.
     */
    private static void respond(String payload, Response response, Callback callback, boolean gatewayCors) {
        JsonElement answer;
        try {
            answer = JsonParser.parseString(String.valueOf(payload));
        } catch (RuntimeException e) {
            message(response, callback, 500, "Internal Server Error");
            return;
        }
        if (!answer.isJsonObject() || !answer.getAsJsonObject().has("statusCode")) {
            // Without a statusCode, API Gateway takes the whole answer as a JSON body.
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, answer.toString(), callback);
            return;
        }
        JsonObject object = answer.getAsJsonObject();
        response.setStatus(object.get("statusCode").getAsInt());
        JsonElement headers = object.get("headers");
        if (headers != null && headers.isJsonObject()) {
            for (Map.Entry<String, JsonElement> header : headers.getAsJsonObject().entrySet()) {
                boolean cors = header.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-");
                if (header.getValue().isJsonNull() || (gatewayCors && cors)) {
                    continue;
                }
                if (header.getKey().equalsIgnoreCase("vary")) {
                    // Added to the gateway's Vary: Origin, never in its place.
                    response.getHeaders().add(HttpHeader.VARY, header.getValue().getAsString());
                } else {
                    response.getHeaders().put(header.getKey(), header.getValue().getAsString());
                }
            }
        }
        JsonElement cookies = object.get("cookies");
        if (cookies != null && cookies.isJsonArray()) {
            cookies.getAsJsonArray().forEach(cookie -> response.getHeaders().add(HttpHeader.SET_COOKIE,
                    cookie.getAsString()));
        }
        JsonElement body = object.get("body");
        if (body == null || body.isJsonNull()) {
            response.write(true, null, callback);
            return;
        }
        JsonElement base64 = object.get("isBase64Encoded");
        byte[] bytes = base64 != null && base64.isJsonPrimitive() && base64.getAsBoolean()
                ? Base64.getDecoder().decode(body.getAsString())
                : body.getAsString().getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static void message(Response response, Callback callback, int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("message", message);
        HttpExchange.json(response, callback, status, body.toString());
    }
}
