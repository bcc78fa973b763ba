package dev.jobwire.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.aws.auth.JwtTokenVerifier;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.memory.InMemoryConnectionStore;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.usecase.Connections;
import dev.jobwire.core.usecase.Policy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectHandlerTest {
    private static final String SECRET = "connect-handler-test-secret-32-bytes-long";
    private final Clock clock = Clock.system();
    private final InMemoryConnectionStore store = new InMemoryConnectionStore(clock);
    private final ConnectHandler handler = new ConnectHandler(
            new Connections(store, new JwtTokenVerifier(SECRET, clock), clock, Policy.defaults()));

    @Test
    void connect_withValidToken_answers200AndStoresTheConnection() {
        String token = new JwtTokenIssuer(SECRET, clock).issue(UserId.of("dana"), Duration.ofMinutes(5));

        var response = handler.handleRequest(ApiEvents.connect("L0SM9cOFvHcCIhw=", token, "Mozilla/5.0"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        var stored = store.get(ConnectionId.of("L0SM9cOFvHcCIhw=")).orElseThrow();
        assertThat(stored.userId()).isEqualTo(UserId.of("dana"));
        assertThat(stored.userAgent()).isEqualTo("Mozilla/5.0");
    }

    @Test
    void connect_withoutToken_answers401AndStoresNothing() {
        var response = handler.handleRequest(ApiEvents.connect("L0SM9cOFvHcCIhw=", null, null), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).contains("missing token");
        assertThat(store.get(ConnectionId.of("L0SM9cOFvHcCIhw="))).isEmpty();
    }
}
