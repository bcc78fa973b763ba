package dev.jobwire.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** connect → submit → worker → notifier through the real handler classes and in-memory adapters. */
class InProcessEndToEndTest {
    private final InProcessStack stack = new InProcessStack();

    @Test
    void demoSleep_reachesEveryConnectionOfTheOwnerInOrderAndNoOneElse() {
        ConnectionId aliceTab = stack.connect("alice");
        ConnectionId alicePhone = stack.connect("alice");
        ConnectionId bob = stack.connect("bob");

        JsonObject accepted = stack.send(aliceTab, "submit",
                "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":5,\"delayMs\":0}}");
        assertThat(stack.runWorker()).isEmpty();
        assertThat(stack.runNotifier()).isEmpty();

        String jobId = accepted.get("jobId").getAsString();
        List<JsonObject> tab = stack.received(aliceTab);
        assertThat(tab).extracting(f -> f.get("type").getAsString()).containsExactly("accepted", "progress",
                "progress", "progress", "progress", "progress", "succeeded");
        assertThat(tab.subList(1, 7)).allSatisfy(f -> assertThat(f.get("jobId").getAsString()).isEqualTo(jobId))
                .extracting(f -> f.get("seq").getAsLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(tab.get(5).get("percent").getAsInt()).isEqualTo(100);
        assertThat(tab.get(6).getAsJsonObject("result").get("steps").getAsInt()).isEqualTo(5);
        assertThat(stack.received(alicePhone)).isEqualTo(tab.subList(1, 7));
        assertThat(stack.received(bob)).isEmpty();
        assertThat(stack.jobs.get(dev.jobwire.core.model.JobId.of(jobId)).orElseThrow().status())
                .isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void disconnect_forgetsTheConnectionAndLaterEventsSkipIt() {
        ConnectionId first = stack.connect("alice");
        ConnectionId second = stack.connect("alice");
        stack.drop(second);

        stack.send(first, "submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":1,\"delayMs\":0}}");
        stack.runWorker();
        stack.runNotifier();

        assertThat(stack.connections.get(second)).isEmpty();
        assertThat(stack.connections.listByUser(UserId.of("alice"))).extracting(c -> c.connectionId())
                .containsExactly(first);
        assertThat(stack.received(second)).isEmpty();
        assertThat(stack.received(first)).hasSize(3);
    }

    @Test
    void connect_storesWhoConnectedFromWhere() {
        ConnectionId id = stack.connect("carol");

        var connection = stack.connections.get(id).orElseThrow();
        assertThat(connection.userId()).isEqualTo(UserId.of("carol"));
        assertThat(connection.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(connection.userAgent()).isEqualTo("jobwire-test/1.0");
        assertThat(connection.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(2)));
    }

    @Test
    void connect_withMissingExpiredForgedOrGarbageToken_isRefusedWith401AndStoresNothing() {
        var expiredIssuer = new dev.jobwire.aws.auth.JwtTokenIssuer(InProcessStack.SECRET,
                () -> Instant.now().minus(Duration.ofHours(2)));
        String expired = expiredIssuer.issue(UserId.of("alice"), Duration.ofMinutes(5));
        String forged = new dev.jobwire.aws.auth.JwtTokenIssuer("another-secret-that-is-also-32-bytes-long!!",
                stack.clock).issue(UserId.of("alice"), Duration.ofHours(1));

        assertThat(stack.tryConnect("noTokenConn=", null).getStatusCode()).isEqualTo(401);
        assertThat(stack.tryConnect("expiredConn=", expired).getStatusCode()).isEqualTo(401);
        assertThat(stack.tryConnect("forgedConn=", forged).getStatusCode()).isEqualTo(401);
        assertThat(stack.tryConnect("garbageConn=", "not.a.jwt").getStatusCode()).isEqualTo(401);
        assertThat(stack.tryConnect("emptyConn=", "").getStatusCode()).isEqualTo(401);

        assertThat(stack.connections.listByUser(UserId.of("alice"))).isEmpty();
        assertThat(stack.tryConnect("expiredConn=", expired).getBody()).containsIgnoringCase("expired");
    }
}
