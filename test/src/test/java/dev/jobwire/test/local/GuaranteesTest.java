package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One delivery guarantee per test, through the whole local stack. (Cancelling a queued job, and
 * resuming after events expired, are proven at the use-case level in core's ClientRequestsTest,
 * where the clock can be moved and the queue held.)
 */
class GuaranteesTest {
    static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Templates.REAL)
                .withRetryFailedAfter(Duration.ofSeconds(1)), line -> { });
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static List<JsonObject> events(WsClient client, String jobId) {
        return client.json().stream().filter(f -> f.has("seq") && f.get("jobId").getAsString().equals(jobId)).toList();
    }

    @Test
    void sameIdempotencyKeyTwice_fromTwoConnections_isOneJob() throws Exception {
        String user = DevApi.uniqueUser("idem");
        WsClient first = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        WsClient second = WsClient.open(runtime.webSocketUrl(), runtime.devToken(user));
        String submit = "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"idempotencyKey\":\"order-42\","
                + "\"input\":{\"steps\":3,\"delayMs\":100}}";

        first.send(submit);
        String jobId = first.awaitType("accepted").get("jobId").getAsString();
        second.send(submit);
        JsonObject again = second.awaitType("accepted");

        assertThat(again.get("jobId").getAsString()).isEqualTo(jobId);
        assertThat(again.get("duplicate").getAsBoolean()).isTrue();
        first.awaitType("succeeded");
        second.awaitType("succeeded");
        assertThat(events(first, jobId)).extracting(e -> e.get("seq").getAsLong()).containsExactly(1L, 2L, 3L, 4L);
        first.closeBlocking();
        second.closeBlocking();
    }

    @Test
    void crashingJob_endsFailedAfterItsAttempts_andTheOwnerIsTold() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(DevApi.uniqueUser("crash")));
        client.send("{\"action\":\"submit\",\"type\":\"demo.fail\",\"input\":{\"failAfterSteps\":1,\"mode\":\"crash\"}}");
        String jobId = client.awaitType("accepted").get("jobId").getAsString();

        JsonObject failed = client.awaitType("failed");

        assertThat(failed.get("jobId").getAsString()).isEqualTo(jobId);
        assertThat(failed.get("attempts").getAsInt()).isEqualTo(3);
        List<JsonObject> events = events(client, jobId);
        assertThat(events).filteredOn(ResumingClient::isTerminal).hasSize(1);
        assertThat(events).extracting(e -> e.get("seq").getAsLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).filteredOn(e -> e.get("type").getAsString().equals("progress"))
                .extracting(e -> e.get("attempt").getAsInt()).containsExactly(1, 2, 3);
        client.send("{\"action\":\"status\",\"jobId\":\"" + jobId + "\",\"requestId\":\"s\"}");
        JsonObject status = client.awaitType("status").getAsJsonObject("job");
        assertThat(status.get("status").getAsString()).isEqualTo("FAILED");
        client.closeBlocking();
    }

    @Test
    void failingJob_failsAtOnceWithoutRetries() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(DevApi.uniqueUser("throw")));
        client.send("{\"action\":\"submit\",\"type\":\"demo.fail\",\"input\":{\"failAfterSteps\":2,\"mode\":\"throw\"}}");

        JsonObject failed = client.awaitType("failed");

        assertThat(failed.get("attempts").getAsInt()).isEqualTo(1);
        assertThat(failed.get("seq").getAsLong()).isEqualTo(3);
        client.closeBlocking();
    }

    @Test
    void cancelWhileRunning_stopsAtTheNextReport_withOneCancelledEvent() throws Exception {
        WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken(DevApi.uniqueUser("cancel")));
        client.send("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":100,\"delayMs\":100}}");
        String jobId = client.awaitType("accepted").get("jobId").getAsString();
        client.awaitType("progress");

        client.send("{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\"}");
        client.awaitType("cancelling");
        JsonObject cancelled = client.awaitType("cancelled");

        List<JsonObject> events = events(client, jobId);
        assertThat(events.get(events.size() - 1)).isEqualTo(cancelled);
        assertThat(events).filteredOn(ResumingClient::isTerminal).hasSize(1);
        assertThat(events.size()).isLessThan(100);
        client.send("{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\",\"requestId\":\"again\"}");
        client.await(f -> f.has("requestId") && f.get("requestId").getAsString().equals("again"));
        assertThat(events(client, jobId)).filteredOn(ResumingClient::isTerminal).hasSize(1);
        client.closeBlocking();
    }
}
