package dev.jobwire.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Events shaped as API Gateway (WebSocket) and the SQS event source deliver them to Lambda, for
 * the cold-start runs: the fields the Lambda Java runtime's serializers read, with plausible values.
 */
final class LambdaEventJson {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private LambdaEventJson() {
    }

    static String connect(String connectionId, String token, long connectedAt) {
        JsonObject event = new JsonObject();
        JsonObject headers = new JsonObject();
        headers.addProperty("Host", "bench.execute-api.us-east-1.amazonaws.com");
        headers.addProperty("Sec-WebSocket-Version", "13");
        headers.addProperty("User-Agent", "jobwire-bench");
        event.add("headers", headers);
        event.add("multiValueHeaders", multi(headers));
        JsonObject query = new JsonObject();
        query.addProperty("token", token);
        event.add("queryStringParameters", query);
        event.add("multiValueQueryStringParameters", multi(query));
        event.add("requestContext", context(connectionId, "$connect", "CONNECT", connectedAt, false));
        event.addProperty("isBase64Encoded", false);
        return event.toString();
    }

    static String message(String connectionId, String routeKey, String body, long connectedAt) {
        JsonObject event = new JsonObject();
        event.add("requestContext", context(connectionId, routeKey, "MESSAGE", connectedAt, true));
        event.addProperty("body", body);
        event.addProperty("isBase64Encoded", false);
        return event.toString();
    }

    static String disconnect(String connectionId, long connectedAt) {
        JsonObject event = new JsonObject();
        JsonObject headers = new JsonObject();
        headers.addProperty("Host", "bench.execute-api.us-east-1.amazonaws.com");
        event.add("headers", headers);
        event.add("multiValueHeaders", multi(headers));
        JsonObject context = context(connectionId, "$disconnect", "DISCONNECT", connectedAt, false);
        context.addProperty("disconnectStatusCode", 1000);
        context.addProperty("disconnectReason", "Client-side close frame status code 1000");
        event.add("requestContext", context);
        event.addProperty("isBase64Encoded", false);
        return event.toString();
    }

    /** One SQS record as the event source hands it over: {@code attributes} are SQS's system attributes. */
    record SqsRecord(String messageId, String receiptHandle, String body, Map<String, String> attributes) {
    }

    static String sqs(String queueArn, List<SqsRecord> records) {
        JsonArray array = new JsonArray();
        for (SqsRecord record : records) {
            JsonObject json = new JsonObject();
            json.addProperty("messageId", record.messageId());
            json.addProperty("receiptHandle", record.receiptHandle());
            json.addProperty("body", record.body());
            JsonObject attributes = new JsonObject();
            record.attributes().forEach(attributes::addProperty);
            json.add("attributes", attributes);
            json.add("messageAttributes", new JsonObject());
            json.addProperty("md5OfBody", "");
            json.addProperty("eventSource", "aws:sqs");
            json.addProperty("eventSourceARN", queueArn);
            json.addProperty("awsRegion", "us-east-1");
            array.add(json);
        }
        JsonObject event = new JsonObject();
        event.add("Records", array);
        return event.toString();
    }

    private static JsonObject context(String connectionId, String routeKey, String eventType, long connectedAt,
                                      boolean withMessageId) {
        long now = System.currentTimeMillis();
        JsonObject context = new JsonObject();
        context.addProperty("routeKey", routeKey);
        if (withMessageId) {
            context.addProperty("messageId", UUID.randomUUID().toString());
        }
        context.addProperty("eventType", eventType);
        context.addProperty("extendedRequestId", UUID.randomUUID().toString());
        context.addProperty("requestTime", REQUEST_TIME.format(java.time.Instant.ofEpochMilli(now)));
        context.addProperty("messageDirection", "IN");
        context.addProperty("stage", "local");
        context.addProperty("connectedAt", connectedAt);
        context.addProperty("requestTimeEpoch", now);
        JsonObject identity = new JsonObject();
        identity.addProperty("userAgent", "jobwire-bench");
        identity.addProperty("sourceIp", "127.0.0.1");
        context.add("identity", identity);
        context.addProperty("requestId", UUID.randomUUID().toString());
        context.addProperty("domainName", "bench.execute-api.us-east-1.amazonaws.com");
        context.addProperty("connectionId", connectionId);
        context.addProperty("apiId", "bench");
        return context;
    }

    private static JsonObject multi(JsonObject single) {
        JsonObject multi = new JsonObject();
        single.entrySet().forEach(entry -> {
            JsonArray values = new JsonArray();
            values.add(entry.getValue());
            multi.add(entry.getKey(), values);
        });
        return multi;
    }
}
