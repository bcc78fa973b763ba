package dev.jobwire.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

/** Reads API Gateway WebSocket events and builds their responses, tolerating absent parts. */
public final class WebSocketEvents {
    private WebSocketEvents() {
    }

    /** A query string parameter; only {@code $connect} events carry them. */
    public static String queryParameter(APIGatewayV2WebSocketEvent event, String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /** A header by case-insensitive name; only {@code $connect} events carry them. */
    public static String header(APIGatewayV2WebSocketEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    public static String sourceIp(APIGatewayV2WebSocketEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getIdentity() == null ? null : context.getIdentity().getSourceIp();
    }

    /** A response; a null body sends nothing back on the connection. */
    public static APIGatewayV2WebSocketResponse response(int statusCode, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        if (body != null) {
            response.setBody(body);
        }
        return response;
    }
}
