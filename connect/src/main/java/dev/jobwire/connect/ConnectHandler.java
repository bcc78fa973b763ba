package dev.jobwire.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.aws.lambda.WebSocketEvents;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.usecase.Connections;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code $connect} route: verifies the JWT in {@code ?token=} and stores the connection for
 * its user. Any other answer than 200 makes API Gateway refuse the handshake; an invalid,
 * expired or missing token answers 401.
 */
public final class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.CONNECT;

    private final Connections connections;

    public ConnectHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public ConnectHandler(LambdaWiring wiring) {
        this(wiring.connections());
    }

    public ConnectHandler(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        ConnectionId connectionId = ConnectionId.of(event.getRequestContext().getConnectionId());
        Connections.ConnectResult result = connections.connect(connectionId,
                WebSocketEvents.queryParameter(event, "token"),
                WebSocketEvents.sourceIp(event),
                WebSocketEvents.header(event, "User-Agent"));
        if (result instanceof Connections.Rejected rejected) {
            return WebSocketEvents.response(401, rejected.reason());
        }
        return WebSocketEvents.response(200, null);
    }
}
