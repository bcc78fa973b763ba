package dev.jobwire.aws.apigateway;

import dev.jobwire.aws.testing.ManagementApiServer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.AwsClients;
import dev.jobwire.core.contract.PusherContract;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.port.Pusher.PushResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ApiGatewayPusherTest extends PusherContract {
    private static ManagementApiServer gateway;
    private AwsClients clients;
    private Pusher pusher;

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = new ManagementApiServer("test");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Override
    protected Pusher createPusher() {
        clients = clientsFor(gateway.endpoint());
        pusher = new ApiGatewayPusher(clients.managementApi());
        return pusher;
    }

    @Override
    protected ConnectionId openConnection() {
        return ConnectionId.of(gateway.connect());
    }

    @Override
    protected void closeConnection(ConnectionId connectionId) {
        gateway.disconnect(connectionId.value());
    }

    @Override
    protected List<String> framesReceivedBy(ConnectionId connectionId) {
        return gateway.frames(connectionId.value());
    }

    @Override
    protected void throttle(ConnectionId connectionId) {
        gateway.answerAlways(connectionId.value(), ManagementApiServer.THROTTLED);
    }

    @Override
    protected void failWithServerError(ConnectionId connectionId) {
        gateway.answerAlways(connectionId.value(), ManagementApiServer.SERVER_ERROR);
    }

    @Test
    void push_whenForbidden_isFailedRatherThanGone() {
        ConnectionId connectionId = openConnection();
        gateway.answerAlways(connectionId.value(), ManagementApiServer.FORBIDDEN);

        assertThat(pusher.push(connectionId, "{}")).isEqualTo(PushResult.FAILED);
    }

    @Test
    void push_afterOneThrottle_isRetriedByTheClientAndDelivered() {
        ConnectionId connectionId = openConnection();
        gateway.answerNext(1, ManagementApiServer.THROTTLED);

        assertThat(pusher.push(connectionId, "{\"n\":1}")).isEqualTo(PushResult.DELIVERED);
        assertThat(gateway.requests(connectionId.value())).isEqualTo(2);
        assertThat(gateway.frames(connectionId.value())).containsExactly("{\"n\":1}");
    }

    @Test
    void push_toGone_isNotRetried() {
        ConnectionId connectionId = openConnection();
        closeConnection(connectionId);

        assertThat(pusher.push(connectionId, "{}")).isEqualTo(PushResult.GONE);
        assertThat(gateway.requests(connectionId.value())).isEqualTo(1);
    }

    @Test
    void push_whenGatewayUnreachable_isFailed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AwsClients unreachable = clientsFor(URI.create("http://127.0.0.1:" + closedPort + "/test"))) {
            Pusher offline = new ApiGatewayPusher(unreachable.managementApi());

            assertThat(offline.push(ConnectionId.of("abc="), "{}")).isEqualTo(PushResult.FAILED);
        }
    }

    private static AwsClients clientsFor(URI endpoint) {
        return AwsClients.builder()
                .region(Region.US_EAST_1)
                .staticCredentials("test", "test")
                .managementEndpoint(endpoint)
                .build();
    }
}
