package dev.jobwire.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.port.UlidGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRequestsTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final ConnectionId alice = f.connect("alice");

    @Test
    void submit_returnsAcceptedAndQueuesTheJob() {
        JsonObject reply = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":2},"
                + "\"requestId\":\"r1\"}");

        assertThat(reply.get("type").getAsString()).isEqualTo("accepted");
        assertThat(reply.get("status").getAsString()).isEqualTo("QUEUED");
        assertThat(reply.get("requestId").getAsString()).isEqualTo("r1");
        assertThat(f.jobQueue.drain()).containsExactly(JobId.of(reply.get("jobId").getAsString()));
    }

    @Test
    void submit_withSameIdempotencyKey_returnsFirstJob() {
        String body = "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":2},\"idempotencyKey\":\"k\"}";
        JsonObject first = f.send(alice, body);
        ConnectionId otherTab = f.connect("alice");

        JsonObject second = f.send(otherTab, body);

        assertThat(second.get("jobId")).isEqualTo(first.get("jobId"));
        assertThat(second.get("duplicate").getAsBoolean()).isTrue();
        assertThat(f.jobQueue.size()).isEqualTo(1);
    }

    @Test
    void submit_withSameKeyLongAfterAStoredButUnqueuedSubmit_queuesTheJobAgain() {
        String body = "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"idempotencyKey\":\"k\"}";
        JsonObject first = f.send(alice, body);
        f.jobQueue.drain();
        f.advance(JobCommands.REQUEUE_AFTER.plusSeconds(1));

        JsonObject second = f.send(alice, body);

        assertThat(second.get("jobId")).isEqualTo(first.get("jobId"));
        assertThat(f.jobQueue.drain()).containsExactly(JobId.of(first.get("jobId").getAsString()));
    }

    @Test
    void submit_sameKeyForDifferentInput_isConflict() {
        f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":2},\"idempotencyKey\":\"k\"}");

        JsonObject reply = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":3},"
                + "\"idempotencyKey\":\"k\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("conflict");
        assertThat(f.jobQueue.size()).isEqualTo(1);
    }

    @Test
    void submit_unknownTypeOrInvalidInput_isRefusedAndStoresNothing() {
        JsonObject unknown = f.send(alice, "{\"action\":\"submit\",\"type\":\"no.such\"}");
        JsonObject invalid = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":-1}}");

        assertThat(unknown.get("code").getAsString()).isEqualTo("bad_request");
        assertThat(unknown.get("message").getAsString()).contains("demo.sleep");
        assertThat(invalid.get("code").getAsString()).isEqualTo("bad_request");
        assertThat(f.jobStore.listByUser(f.connectionStore.get(alice).orElseThrow().userId(), 10)).isEmpty();
        assertThat(f.jobQueue.size()).isZero();
    }

    @Test
    void submit_withPlainHttpCallback_isRefused() {
        JsonObject reply = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"callbackUrl\":\"http://x.test/\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("bad_request");
        assertThat(f.jobQueue.size()).isZero();
    }

    @Test
    void submit_whenBothQueuesRefuse_isStillAnsweredWithAnErrorAndTheLogHoldsTheFailure() {
        f.jobQueue.makeUnavailable();
        f.notifications.refuseOnce(n -> true);

        JsonObject reply = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\"}");

        assertThat(reply.get("type").getAsString()).isEqualTo("error");
        assertThat(reply.get("code").getAsString()).isEqualTo("internal");
        JobId jobId = JobId.of(reply.get("jobId").getAsString());
        assertThat(f.events(jobId)).singleElement().satisfies(e -> assertThat(e.body()).contains("enqueue_failed"));
    }

    @Test
    void submit_whenQueueRefuses_endsTheJobFailedAndSaysSo() {
        f.jobQueue.makeUnavailable();

        JsonObject reply = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("internal");
        JobId jobId = JobId.of(reply.get("jobId").getAsString());
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(f.events(jobId)).singleElement().satisfies(e -> assertThat(e.body()).contains("enqueue_failed"));
    }

    @Test
    void anyAction_fromUnknownConnection_isUnauthorized() {
        JsonObject reply = f.send(ConnectionId.of("stranger="), "{\"action\":\"ping\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("unauthorized");
    }

    @Test
    void statusAndCancel_ofAnotherUsersJob_areNotFound() {
        JobId jobId = f.submit(alice, "demo.sleep", "{}");
        ConnectionId bob = f.connect("bob");

        assertThat(f.send(bob, "{\"action\":\"status\",\"jobId\":\"" + jobId + "\"}").get("code").getAsString())
                .isEqualTo("not_found");
        assertThat(f.send(bob, "{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\"}").get("code").getAsString())
                .isEqualTo("not_found");
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(f.jobStore.get(jobId).orElseThrow().cancelRequested()).isFalse();
    }

    @Test
    void status_ofOwnJob_showsIt() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":1,\"delayMs\":0}");

        JsonObject reply = f.send(alice, "{\"action\":\"status\",\"jobId\":\"" + jobId + "\"}");

        assertThat(reply.getAsJsonObject("job").get("status").getAsString()).isEqualTo("QUEUED");
        assertThat(reply.getAsJsonObject("job").has("userId")).isFalse();
    }

    @Test
    void cancel_queuedJob_cancelsAtOnceAndItNeverRuns() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":3,\"delayMs\":0}");

        JsonObject reply = f.send(alice, "{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\"}");
        f.runWorkerOnce();

        assertThat(reply.get("type").getAsString()).isEqualTo("cancelling");
        assertThat(f.events(jobId)).extracting(e -> e.type().wireName()).containsExactly("cancelled");
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(f.jobStore.get(jobId).orElseThrow().attempts()).isZero();
    }

    @Test
    void cancel_twice_isAcknowledgedBothTimesWithOneCancelledEvent() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":3,\"delayMs\":0}");

        f.send(alice, "{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\"}");
        JsonObject again = f.send(alice, "{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\"}");

        assertThat(again.get("type").getAsString()).isEqualTo("cancelling");
        assertThat(f.events(jobId)).extracting(e -> e.type().wireName()).containsExactly("cancelled");
    }

    @Test
    void cancel_queuedJobWhoseEventWasNotRecorded_isRepairedByTheWorker() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":3,\"delayMs\":0}");
        f.jobStore.requestCancel(jobId, f.now.get());

        f.runWorkerOnce();

        assertThat(f.events(jobId)).extracting(e -> e.type().wireName()).containsExactly("cancelled");
        assertThat(f.jobStore.get(jobId).orElseThrow().attempts()).isZero();
    }

    @Test
    void resume_eventTooLargeForAFrame_isReplacedByAnErrorAndTheReplayGoesOn() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":2,\"delayMs\":0}");
        f.runWorkerOnce();
        ConnectionId fresh = f.connect("alice");
        f.pusher.answerNext(1, Pusher.PushResult.TOO_LARGE);

        JsonObject reply = f.send(fresh, "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"" + jobId + "\"}]}");

        List<JsonObject> frames = f.frames(fresh);
        assertThat(frames.get(0).get("code").getAsString()).isEqualTo("payload_too_large");
        assertThat(frames.get(0).get("jobId").getAsString()).isEqualTo(jobId.value());
        assertThat(frames.subList(1, frames.size())).extracting(fr -> fr.get("seq").getAsLong()).containsExactly(2L, 3L);
        assertThat(reply.get("type").getAsString()).isEqualTo("resumed");
    }

    @Test
    void resume_stopsAtItsTimeBudgetAndSaysMore() {
        UseCaseFixture slow = new UseCaseFixture(Policy.defaults());
        ConnectionId a = slow.connect("alice");
        JobId jobId = slow.submit(a, "demo.sleep", "{\"steps\":5,\"delayMs\":0}");
        slow.runWorkerOnce();
        ConnectionId fresh = slow.connect("alice");
        Pusher clockMovingPusher = (connection, frame) -> {
            slow.advance(Duration.ofSeconds(6));
            return slow.pusher.push(connection, frame);
        };
        ClientRequests requests = new ClientRequests(slow.connectionStore, slow.jobStore, slow.eventLog, slow.jobQueue,
                clockMovingPusher, slow.recorder, JobTypeRegistry.discover(),
                new UlidGenerator(slow.clock), slow.clock, slow.policy);

        JsonObject reply = JsonParser.parseString(requests.handle(fresh,
                "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"" + jobId + "\"}]}")).getAsJsonObject();

        assertThat(slow.frames(fresh)).hasSize(3);
        JsonObject position = reply.getAsJsonArray("jobs").get(0).getAsJsonObject();
        assertThat(position.get("lastSeq").getAsLong()).isEqualTo(3);
        assertThat(position.get("more").getAsBoolean()).isTrue();
    }

    @Test
    void submit_withCallbackUrl_isRefusedSinceNoWebhookWouldBeSent() {
        JsonObject reply = f.send(alice, "{\"action\":\"submit\",\"type\":\"demo.sleep\","
                + "\"callbackUrl\":\"https://hooks.example.com/jobs\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("bad_request");
        assertThat(reply.get("message").getAsString()).contains("callbackUrl");
        assertThat(f.jobQueue.size()).isZero();
    }

    @Test
    void cancel_finishedJob_isConflict() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":1,\"delayMs\":0}");
        f.runWorkerOnce();

        JsonObject reply = f.send(alice, "{\"action\":\"cancel\",\"jobId\":\"" + jobId + "\"}");

        assertThat(reply.get("code").getAsString()).isEqualTo("conflict");
        assertThat(f.events(jobId)).extracting(e -> e.type().wireName()).containsExactly("progress", "succeeded");
    }

    @Test
    void ping_answersPongAndMarksTheConnectionSeen() {
        f.advance(Duration.ofMinutes(3));

        JsonObject reply = f.send(alice, "{\"action\":\"ping\",\"requestId\":\"p\"}");

        assertThat(reply.get("type").getAsString()).isEqualTo("pong");
        assertThat(f.connectionStore.get(alice).orElseThrow().lastSeenAt()).isEqualTo(f.now.get());
    }

    @Test
    void resume_replaysWhatWasMissedThenSaysResumed() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":4,\"delayMs\":0}");
        f.runWorkerOnce();
        ConnectionId fresh = f.connect("alice");

        JsonObject reply = f.send(fresh, "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"" + jobId + "\",\"afterSeq\":2}]}");

        assertThat(f.frames(fresh)).extracting(frame -> frame.get("seq").getAsLong()).containsExactly(3L, 4L, 5L);
        assertThat(reply.get("type").getAsString()).isEqualTo("resumed");
        JsonObject position = reply.getAsJsonArray("jobs").get(0).getAsJsonObject();
        assertThat(position.get("lastSeq").getAsLong()).isEqualTo(5);
        assertThat(position.get("status").getAsString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void resume_afterEventsExpired_sendsGap() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":2,\"delayMs\":0}");
        f.runWorkerOnce();
        f.advance(f.policy.eventRetention().plusMinutes(1));
        ConnectionId fresh = f.connect("alice");

        f.send(fresh, "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"" + jobId + "\",\"afterSeq\":0}]}");

        List<JsonObject> frames = f.frames(fresh);
        assertThat(frames).singleElement().satisfies(gap -> {
            assertThat(gap.get("type").getAsString()).isEqualTo("gap");
            assertThat(gap.get("fromSeq").getAsLong()).isEqualTo(1);
            assertThat(gap.get("toSeq").getAsLong()).isEqualTo(3);
        });
    }

    @Test
    void resume_anotherUsersJob_isNotFoundAndReplaysNothing() {
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":2,\"delayMs\":0}");
        f.runWorkerOnce();
        ConnectionId bob = f.connect("bob");

        JsonObject reply = f.send(bob, "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"" + jobId + "\"}]}");

        assertThat(f.frames(bob)).singleElement()
                .satisfies(frame -> assertThat(frame.get("code").getAsString()).isEqualTo("not_found"));
        assertThat(reply.getAsJsonArray("jobs")).isEmpty();
    }

    @Test
    void resume_stopsAtTheReplayLimitAndSaysMore() {
        UseCaseFixture small = new UseCaseFixture(new Policy(3, Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofHours(2), 3, Duration.ofSeconds(10), Duration.ofSeconds(15)));
        ConnectionId a = small.connect("alice");
        JobId jobId = small.submit(a, "demo.sleep", "{\"steps\":5,\"delayMs\":0}");
        small.runWorkerOnce();

        JsonObject reply = small.send(a, "{\"action\":\"resume\",\"jobs\":[{\"jobId\":\"" + jobId + "\"}]}");

        assertThat(small.frames(a)).hasSize(3);
        JsonElement position = reply.getAsJsonArray("jobs").get(0);
        assertThat(position.getAsJsonObject().get("lastSeq").getAsLong()).isEqualTo(3);
        assertThat(position.getAsJsonObject().get("more").getAsBoolean()).isTrue();
    }
}
