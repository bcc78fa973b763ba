package dev.jobwire.disconnect;

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
 * The {@code $disconnect} route: forgets the connection. API Gateway delivers it at most once and
 * not always (TTL and 410 on push clean up what it misses), so deleting an unknown connection is
 * an ordinary success.
 */
public final class DisconnectHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.DISCONNECT;

    private final Connections connections;

    public DisconnectHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public DisconnectHandler(LambdaWiring wiring) {
        this(wiring.connections());
    }

    public DisconnectHandler(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        connections.disconnect(ConnectionId.of(event.getRequestContext().getConnectionId()));
        return WebSocketEvents.response(200, null);
    }
}
