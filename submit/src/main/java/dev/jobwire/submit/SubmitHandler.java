package dev.jobwire.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.aws.lambda.WebSocketEvents;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.protocol.ServerFrame;
import dev.jobwire.core.usecase.ClientRequests;
import java.util.Objects;
import java.util.Set;

/**
 * Every client action: the {@code submit}, {@code resume}, {@code cancel}, {@code status} and
 * {@code ping} routes and {@code $default}. The reply frame is the response body, which API
 * Gateway sends back on the connection (the routes are two-way).
 */
public final class SubmitHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.SUBMIT;

    private final ClientRequests requests;

    public SubmitHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public SubmitHandler(LambdaWiring wiring) {
        this(wiring.clientRequests());
    }

    public SubmitHandler(ClientRequests requests) {
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        if (event.isIsBase64Encoded()) {
            return WebSocketEvents.response(200, Frames.write(new ServerFrame.Error(ErrorCode.BAD_REQUEST,
                    "binary frames are not supported; send JSON text", null, null)));
        }
        ConnectionId connectionId = ConnectionId.of(event.getRequestContext().getConnectionId());
        return WebSocketEvents.response(200, requests.handle(connectionId, event.getBody()));
    }
}
