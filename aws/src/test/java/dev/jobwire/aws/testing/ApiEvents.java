package dev.jobwire.aws.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real-shaped API Gateway WebSocket and SQS events for handler tests, from {@code events/*.json}. */
public final class ApiEvents {
    private ApiEvents() {
    }

    public static APIGatewayV2WebSocketEvent connect(String connectionId, String token, String userAgent) {
        if (token == null) {
            return LambdaEvents.load(APIGatewayV2WebSocketEvent.class, "events/websocket-connect-no-token.json",
                    Map.of("CONNECTION_ID", connectionId));
        }
        return LambdaEvents.load(APIGatewayV2WebSocketEvent.class, "events/websocket-connect.json",
                Map.of("CONNECTION_ID", connectionId, "TOKEN", token, "USER_AGENT", userAgent));
    }

    public static APIGatewayV2WebSocketEvent disconnect(String connectionId) {
        return LambdaEvents.load(APIGatewayV2WebSocketEvent.class, "events/websocket-disconnect.json",
                Map.of("CONNECTION_ID", connectionId));
    }

    /** A message on a route; {@code body} is the frame text as the client sent it. */
    public static APIGatewayV2WebSocketEvent message(String connectionId, String routeKey, String body) {
        return LambdaEvents.load(APIGatewayV2WebSocketEvent.class, "events/websocket-message.json",
                Map.of("CONNECTION_ID", connectionId, "ROUTE_KEY", routeKey, "BODY", body, "BASE64", "false"));
    }

    public static APIGatewayV2WebSocketEvent binaryMessage(String connectionId, String base64Body) {
        return LambdaEvents.load(APIGatewayV2WebSocketEvent.class, "events/websocket-message.json",
                Map.of("CONNECTION_ID", connectionId, "ROUTE_KEY", "$default", "BODY", base64Body, "BASE64", "true"));
    }

    public static SQSEvent jobMessage(String messageId, String body, int receiveCount) {
        return LambdaEvents.load(SQSEvent.class, "events/sqs-jobs.json", Map.of("MESSAGE_ID", messageId,
                "BODY", body, "RECEIVE_COUNT", Integer.toString(receiveCount)));
    }

    /** One record of a FIFO batch. */
    public record FifoRecord(String messageId, String body, String groupId, String deduplicationId) {
    }

    public static SQSEvent fifoBatch(List<FifoRecord> records) {
        List<String> json = new ArrayList<>();
        java.math.BigInteger sequence = new java.math.BigInteger("18849496460467696128");
        for (FifoRecord record : records) {
            json.add(LambdaEvents.text("events/sqs-notify-record.json", Map.of("MESSAGE_ID", record.messageId(),
                    "BODY", record.body(), "GROUP_ID", record.groupId(), "DEDUPLICATION_ID", record.deduplicationId(),
                    "SEQUENCE_NUMBER", sequence.toString())));
            sequence = sequence.add(java.math.BigInteger.ONE);
        }
        return LambdaEvents.parse(SQSEvent.class, "{\"Records\":[" + String.join(",", json) + "]}");
    }
}
