package dev.jobwire.test.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import dev.jobwire.aws.lambda.LambdaWiring;

/** A route function for tests: answers with its connection id, route key and the body it got. */
public final class EchoHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    public EchoHandler(LambdaWiring wiring) {
        // needs no adapters
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        JsonObject reply = new JsonObject();
        reply.addProperty("type", "echo");
        reply.addProperty("connectionId", event.getRequestContext().getConnectionId());
        reply.addProperty("routeKey", event.getRequestContext().getRouteKey());
        reply.addProperty("body", event.getBody());
        reply.addProperty("requestId", context.getAwsRequestId());
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setBody(reply.toString());
        return response;
    }
}
