package dev.jobwire.local.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events API Gateway's AWS_PROXY integration hands a WebSocket route's function, as JSON:
 * headers and the query string on {@code $connect} only, {@code messageId} absent on CONNECT and
 * DISCONNECT, {@code disconnectStatusCode} and {@code disconnectReason} on DISCONNECT, and the
 * request context filled from the real connection rather than constants.
 */
final class ApiGatewayEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** What every event of one connection shares. */
    record ConnectionContext(String apiId, String stage, String domainName, String connectionId, Instant connectedAt,
                             String sourceIp, String userAgent) {
    }

    private ApiGatewayEvents() {
    }

    static String connect(ConnectionContext connection, String requestId, Instant now,
                          Map<String, List<String>> headers, Map<String, List<String>> query) {
        JsonObject event = new JsonObject();
        event.add("headers", single(headers));
        event.add("multiValueHeaders", multi(headers));
        if (!query.isEmpty()) {
            event.add("queryStringParameters", single(query));
            event.add("multiValueQueryStringParameters", multi(query));
        }
        JsonObject context = requestContext(connection, "$connect", "CONNECT", requestId, now);
        JsonObject identity = context.getAsJsonObject("identity");
        if (connection.userAgent() != null) {
            identity.addProperty("userAgent", connection.userAgent());
        }
        event.add("requestContext", context);
        event.addProperty("isBase64Encoded", false);
        return event.toString();
    }

    static String message(ConnectionContext connection, String routeKey, String requestId, String messageId,
                          Instant now, String body) {
        JsonObject event = new JsonObject();
        JsonObject context = requestContext(connection, routeKey, "MESSAGE", requestId, now);
        context.addProperty("messageId", messageId);
        event.add("requestContext", context);
        event.addProperty("body", body);
        event.addProperty("isBase64Encoded", false);
        return event.toString();
    }

    static String disconnect(ConnectionContext connection, String requestId, Instant now, int statusCode,
                             String reason) {
        JsonObject event = new JsonObject();
        JsonObject context = requestContext(connection, "$disconnect", "DISCONNECT", requestId, now);
        context.addProperty("disconnectStatusCode", statusCode);
        context.addProperty("disconnectReason", reason);
        event.add("requestContext", context);
        event.addProperty("isBase64Encoded", false);
        return event.toString();
    }

    private static JsonObject requestContext(ConnectionContext connection, String routeKey, String eventType,
                                             String requestId, Instant now) {
        JsonObject context = new JsonObject();
        context.addProperty("routeKey", routeKey);
        context.addProperty("eventType", eventType);
        context.addProperty("extendedRequestId", requestId);
        context.addProperty("requestTime", REQUEST_TIME.format(now));
        context.addProperty("messageDirection", "IN");
        context.addProperty("stage", connection.stage());
        context.addProperty("connectedAt", connection.connectedAt().toEpochMilli());
        context.addProperty("requestTimeEpoch", now.toEpochMilli());
        JsonObject identity = new JsonObject();
        identity.addProperty("sourceIp", connection.sourceIp());
        context.add("identity", identity);
        context.addProperty("requestId", requestId);
        context.addProperty("domainName", connection.domainName());
        context.addProperty("connectionId", connection.connectionId());
        context.addProperty("apiId", connection.apiId());
        return context;
    }

    private static JsonObject single(Map<String, List<String>> values) {
        JsonObject out = new JsonObject();
        values.forEach((name, list) -> out.addProperty(name, String.join(",", list)));
        return out;
    }

    private static JsonObject multi(Map<String, List<String>> values) {
        JsonObject out = new JsonObject();
        values.forEach((name, list) -> {
            JsonArray array = new JsonArray();
            list.forEach(array::add);
            out.add(name, array);
        });
        return out;
    }
}
