package dev.jobwire.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed or forbidden frame gets an error frame and changes nothing: no job, no queue
 * message, no event, no connection change. The handler keeps serving afterwards.
 */
class BadFramesEndToEndTest {
    private static final String BOBS_JOB = "BOBSJOB0000000000000000000";

    private InProcessStack stack;
    private ConnectionId alice;
    private JobId aliceJob;

    @BeforeEach
    void setUp() {
        stack = new InProcessStack();
        alice = stack.connect("alice");
        ConnectionId bob = stack.connect("bob");
        aliceJob = JobId.of(stack.send(alice, "submit",
                "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":2,\"delayMs\":0}}")
                .get("jobId").getAsString());
        stack.runWorker();
        stack.runNotifier();
        stack.jobs.create(Job.queued(JobId.of(BOBS_JOB), UserId.of("bob"), "demo.sleep", "{}", null, null,
                stack.clock.now(), stack.clock.now().plusSeconds(3600)));
        assertThat(bob).isNotNull();
    }

    static Stream<Arguments> badFrames() {
        String oversized = "{\"action\":\"ping\",\"pad\":\"" + "x".repeat(129 * 1024) + "\"}";
        return Stream.of(
                Arguments.of("$default", "not json at all", "bad_request"),
                Arguments.of("$default", "", "bad_request"),
                Arguments.of("$default", "[1,2,3]", "bad_request"),
                Arguments.of("$default", "{\"action\":\"ping\"", "bad_request"),
                Arguments.of("$default", "{\"noAction\":true}", "bad_request"),
                Arguments.of("$default", "{\"action\":\"delete_everything\"}", "unknown_action"),
                Arguments.of("$default", "{\"action\":42}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\"}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"nope.nope\"}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":\"steps=5\"}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":\"five\"}}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":100000}}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.fail\",\"input\":{\"mode\":\"explode\"}}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"idempotencyKey\":[]}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"callbackUrl\":\"ftp://x\"}", "bad_request"),
                Arguments.of("submit", "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"callbackUrl\":\"https://u:p@x.test/\"}", "bad_request"),
                Arguments.of("$default", oversized, "payload_too_large"),
                Arguments.of("cancel", "{\"action\":\"cancel\"}", "bad_request"),
                Arguments.of("cancel", "{\"action\":\"cancel\",\"jobId\":\"" + BOBS_JOB + "\"}", "not_found"),
                Arguments.of("cancel", "{\"action\":\"cancel\",\"jobId\":\"NOSUCHJOB\"}", "not_found"),
                Arguments.of("status", "{\"action\":\"status\",\"jobId\":\"" + BOBS_JOB + "\"}", "not_found"),
                Arguments.of("status", "{\"action\":\"status\",\"jobId\":\"../../etc/passwd\"}", "bad_request"),
                Arguments.of("resume", "{\"action\":\"resume\",\"jobs\":\"all\"}", "bad_request"),
                Arguments.of("resume", "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"J\",\"afterSeq\":-5}]}", "bad_request"),
                Arguments.of("ping", "{\"action\":\"ping\",\"requestId\":{}}", "bad_request"));
    }

    @ParameterizedTest(name = "[{0}] {2}: {1}")
    @MethodSource("badFrames")
    void badFrame_getsAnErrorFrameAndChangesNothing(String route, String body, String code) {
        Snapshot before = snapshot();

        JsonObject reply = stack.send(alice, route, body);

        assertThat(reply.get("type").getAsString()).isEqualTo("error");
        assertThat(reply.get("code").getAsString()).isEqualTo(code);
        assertThat(reply.get("message").getAsString()).isNotBlank();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(stack.send(alice, "ping", "{\"action\":\"ping\"}").get("type").getAsString()).isEqualTo("pong");
    }

    @ParameterizedTest(name = "binary frame {0}")
    @MethodSource("binaryFrames")
    void binaryFrame_getsAnErrorFrameAndChangesNothing(String base64) {
        Snapshot before = snapshot();

        APIGatewayV2WebSocketResponse response = stack.submit.handleRequest(
                ApiEvents.binaryMessage(alice.value(), base64), null);

        JsonObject reply = JsonParser.parseString(response.getBody()).getAsJsonObject();
        assertThat(reply.get("code").getAsString()).isEqualTo("bad_request");
        assertThat(snapshot()).isEqualTo(before);
    }

    static Stream<String> binaryFrames() {
        return Stream.of(Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff}),
                Base64.getEncoder().encodeToString("{\"action\":\"submit\",\"type\":\"demo.sleep\"}".getBytes()));
    }

    private record Snapshot(List<Job> aliceJobs, List<Job> bobJobs, List<JobEvent> events, int jobQueue,
                            int notifyQueue, int aliceConnections, List<String> pushed) {
    }

    private Snapshot snapshot() {
        return new Snapshot(stack.jobs.listByUser(UserId.of("alice"), 100), stack.jobs.listByUser(UserId.of("bob"), 100),
                stack.events.read(aliceJob, 0, 100), stack.jobQueue.size(), stack.notifyQueue.size(),
                stack.connections.listByUser(UserId.of("alice")).size(),
                stack.pusher.pushes().stream().map(p -> p.connectionId() + ":" + p.frame()).toList());
    }
}
