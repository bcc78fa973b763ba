package dev.jobwire.disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.usecase.UseCaseFixture;
import org.junit.jupiter.api.Test;

class DisconnectHandlerTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final DisconnectHandler handler = new DisconnectHandler(f.connections);

    @Test
    void disconnect_deletesTheConnectionNamedInTheEvent() {
        ConnectionId gone = f.connect("erin");
        ConnectionId stays = f.connect("erin");

        var response = handler.handleRequest(ApiEvents.disconnect(gone.value()), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(f.connectionStore.get(gone)).isEmpty();
        assertThat(f.connectionStore.get(stays)).isPresent();
    }

    @Test
    void disconnect_ofAnUnknownConnection_isStillASuccess() {
        var response = handler.handleRequest(ApiEvents.disconnect("neverSeen0="), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
    }
}
