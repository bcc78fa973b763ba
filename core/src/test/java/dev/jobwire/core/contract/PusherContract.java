package dev.jobwire.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.port.Pusher.PushResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Pusher} guarantees: delivered frames reach the right connection only, in
 * order and unchanged, and every failure the gateway can report comes back as a
 * {@link PushResult} rather than an exception.
 */
public abstract class PusherContract {
    /** API Gateway's limit for one WebSocket message. */
    protected static final int GATEWAY_LIMIT_BYTES = 128 * 1024;

    private Pusher pusher;

    /** A pusher for one test, attached to a gateway with no connections yet. */
    protected abstract Pusher createPusher();

    /** Opens a new live connection on the gateway behind the pusher. */
    protected abstract ConnectionId openConnection();

    /** Closes the connection on the gateway, as when the client goes away. */
    protected abstract void closeConnection(ConnectionId connectionId);

    /** The frames the gateway delivered to the connection, in order. */
    protected abstract List<String> framesReceivedBy(ConnectionId connectionId);

    /** Makes the gateway throttle every push to the connection (429). */
    protected abstract void throttle(ConnectionId connectionId);

    /** Makes the gateway fail every push to the connection with a server error (5xx). */
    protected abstract void failWithServerError(ConnectionId connectionId);

    @BeforeEach
    final void createPusherUnderTest() {
        pusher = createPusher();
    }

    @Test
    void push_toLiveConnections_deliversInOrderToThatConnectionOnly() {
        ConnectionId alice = openConnection();
        ConnectionId bob = openConnection();
        ConnectionId carol = openConnection();
        List<String> toAlice = List.of("{\"n\":1}", "{\"n\":2,\"text\":\"déjà vu — 東京 🚀\"}", "{\"n\":3}");

        for (String frame : toAlice) {
            assertThat(pusher.push(alice, frame)).isEqualTo(PushResult.DELIVERED);
        }
        assertThat(pusher.push(bob, "{\"n\":\"bob\"}")).isEqualTo(PushResult.DELIVERED);

        assertThat(framesReceivedBy(alice)).isEqualTo(toAlice);
        assertThat(framesReceivedBy(bob)).containsExactly("{\"n\":\"bob\"}");
        assertThat(framesReceivedBy(carol)).isEmpty();
    }

    @Test
    void push_largeFrameWithinLimit_isDelivered() {
        ConnectionId connectionId = openConnection();
        String frame = "{\"result\":\"" + "y".repeat(100 * 1024) + "\"}";

        assertThat(pusher.push(connectionId, frame)).isEqualTo(PushResult.DELIVERED);
        assertThat(framesReceivedBy(connectionId)).containsExactly(frame);
    }

    @Test
    void push_toUnknownConnection_isGone() {
        assertThat(pusher.push(ConnectionId.of("bm9uZXhpc3RlbnQ="), "{}")).isEqualTo(PushResult.GONE);
    }

    @Test
    void push_toClosedConnection_isGoneAndNotDelivered() {
        ConnectionId connectionId = openConnection();
        pusher.push(connectionId, "{\"before\":true}");
        closeConnection(connectionId);

        assertThat(pusher.push(connectionId, "{\"after\":true}")).isEqualTo(PushResult.GONE);
        assertThat(framesReceivedBy(connectionId)).containsExactly("{\"before\":true}");
    }

    @Test
    void push_overGatewayLimit_isTooLargeAndNotDelivered() {
        ConnectionId connectionId = openConnection();
        String frame = "{\"r\":\"" + "z".repeat(GATEWAY_LIMIT_BYTES) + "\"}";

        assertThat(pusher.push(connectionId, frame)).isEqualTo(PushResult.TOO_LARGE);
        assertThat(framesReceivedBy(connectionId)).isEmpty();
    }

    @Test
    void push_whenThrottled_isThrottledAndNotDelivered() {
        ConnectionId connectionId = openConnection();
        throttle(connectionId);

        assertThat(pusher.push(connectionId, "{}")).isEqualTo(PushResult.THROTTLED);
        assertThat(framesReceivedBy(connectionId)).isEmpty();
    }

    @Test
    void push_onServerError_isFailedAndNotDelivered() {
        ConnectionId connectionId = openConnection();
        failWithServerError(connectionId);

        assertThat(pusher.push(connectionId, "{}")).isEqualTo(PushResult.FAILED);
        assertThat(framesReceivedBy(connectionId)).isEmpty();
    }
}
