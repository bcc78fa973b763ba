package dev.jobwire.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.lambda.LambdaWiring;

/**
 * The floor's route function: answers a message with the fields it was sent plus {@code at} (epoch
 * ms when it ran) and the caller's {@code connectionId}, touching no queue and no table. It runs in
 * the gateway like any other route, so an echo costs what the gateway and the clients cost and
 * nothing more. Stateless and thread-safe.
 */
public final class EchoHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    /** The route key and {@code action} of echo messages. */
    public static final String ACTION = "echo";
    /** The {@code type} of the reply. */
    public static final String TYPE = "echo";

    /** The local runtime builds every function with its wiring; an echo needs none of it. */
    public EchoHandler(LambdaWiring wiring) {
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        JsonObject reply;
        try {
            reply = JsonParser.parseString(event.getBody()).getAsJsonObject();
        } catch (RuntimeException notAnObject) {
            reply = new JsonObject();
        }
        reply.remove("action");
        reply.addProperty("type", TYPE);
        reply.addProperty("connectionId", event.getRequestContext().getConnectionId());
        reply.addProperty("at", System.currentTimeMillis());
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setBody(reply.toString());
        return response;
    }
}
