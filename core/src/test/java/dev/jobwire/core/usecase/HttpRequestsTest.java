package dev.jobwire.core.usecase;

import static dev.jobwire.core.usecase.HttpFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.port.ResultStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestsTest {
    private static final String SLEEP = "{\"type\":\"demo.sleep\",\"input\":{\"steps\":3,\"delayMs\":0}}";

    /** Returns a string of {@code kb} kilobytes. */
    static final class LargeJob implements JobHandler {
        @Override
        public String type() {
            return "test.large";
        }

        @Override
        public String description() {
            return "a result of input.kb kilobytes";
        }

        @Override
        public JsonElement run(JobContext context) {
            return new JsonPrimitive("x".repeat(context.input().get("kb").getAsInt() * 1024));
        }
    }

    private final HttpFixture f = new HttpFixture(new LargeJob());

    @Test
    void submit_answers202WithLocationAndQueuesTheJob() {
        var response = f.request("alice", HttpRequests.SUBMIT, null, Map.of(), SLEEP, Map.of());

        assertThat(response.status()).isEqualTo(202);
        String jobId = json(response).get("jobId").getAsString();
        assertThat(json(response).get("status").getAsString()).isEqualTo("QUEUED");
        assertThat(response.headers()).containsEntry("Location", HttpFixture.API_URL + "/jobs/" + jobId)
                .containsKey("Retry-After");
        assertThat(f.base.jobQueue.drain()).containsExactly(JobId.of(jobId));
    }

    @Test
    void get_aFinishedJob_showsResultAttemptsAndNoRetryAfter() {
        JobId jobId = f.submit("alice", SLEEP);
        var queued = f.get("alice", HttpRequests.GET, jobId.value());
        assertThat(queued.headers()).containsEntry("Retry-After", "1");
        assertThat(json(queued).get("status").getAsString()).isEqualTo("QUEUED");

        f.runWorker();
        var done = f.get("alice", HttpRequests.GET, jobId.value());

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.headers()).doesNotContainKey("Retry-After");
        JsonObject view = json(done);
        assertThat(view.get("status").getAsString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("attempts").getAsInt()).isEqualTo(1);
        assertThat(view.get("percent").getAsInt()).isEqualTo(100);
        assertThat(view.has("result")).isTrue();
    }

    @Test
    void retryAfter_growsWithTheJobsAge_upTo30Seconds() {
        JobId jobId = f.submit("alice", SLEEP);
        f.base.advance(Duration.ofSeconds(95));
        assertThat(f.get("alice", HttpRequests.GET, jobId.value()).headers()).containsEntry("Retry-After", "9");
        f.base.advance(Duration.ofHours(1));
        assertThat(f.get("alice", HttpRequests.GET, jobId.value()).headers()).containsEntry("Retry-After", "30");
    }

    @Test
    void anotherUsersJob_is404OnEveryRoute() {
        JobId jobId = f.submit("alice", SLEEP);

        for (String route : new String[] {HttpRequests.GET, HttpRequests.EVENTS, HttpRequests.RESULT,
            HttpRequests.CANCEL}) {
            var response = f.get("bob", route, jobId.value());
            assertThat(response.status()).as(route).isEqualTo(404);
            assertThat(json(response).get("code").getAsString()).isEqualTo("not_found");
        }
        assertThat(f.base.jobStore.get(jobId).orElseThrow().cancelRequested()).isFalse();
    }

    @Test
    void errors_areProblemJsonWithTheProtocolsCodes() {
        var response = f.request("alice", HttpRequests.SUBMIT, null, Map.of(), "{\"type\":\"no.such\"}", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        JsonObject problem = json(response);
        assertThat(problem.get("type").getAsString()).isEqualTo("urn:jobwire:problem:bad_request");
        assertThat(problem.get("title").getAsString()).isEqualTo("Bad Request");
        assertThat(problem.get("status").getAsInt()).isEqualTo(400);
        assertThat(problem.get("code").getAsString()).isEqualTo("bad_request");
        assertThat(problem.get("detail").getAsString()).contains("unknown job type");
    }

    @Test
    void aMissingOrInvalidToken_is401WithABearerChallenge() {
        var missing = f.request(null, HttpRequests.LIST, null, Map.of(), null, Map.of());
        var invalid = f.request(null, HttpRequests.LIST, null, Map.of(), null, Map.of("Authorization", "Bearer junk"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().get("WWW-Authenticate")).startsWith("Bearer");
        assertThat(json(missing).get("code").getAsString()).isEqualTo("unauthorized");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.headers().get("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void badBodies_areRefusedWithTheRightStatus() {
        assertThat(f.request("a", HttpRequests.SUBMIT, null, Map.of(), "", Map.of()).status()).isEqualTo(400);
        assertThat(f.request("a", HttpRequests.SUBMIT, null, Map.of(), "[1]", Map.of()).status()).isEqualTo(400);
        assertThat(f.request("a", HttpRequests.SUBMIT, null, Map.of(), "{nope", Map.of()).status()).isEqualTo(400);
        String big = "{\"type\":\"demo.sleep\",\"input\":{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}}";
        var tooLarge = f.request("a", HttpRequests.SUBMIT, null, Map.of(), big, Map.of());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(json(tooLarge).get("code").getAsString()).isEqualTo("payload_too_large");
    }

    @Test
    void idempotencyKey_returnsTheSameJob_andAConflictingReuseIs422() {
        var first = f.request("alice", HttpRequests.SUBMIT, null, Map.of(), SLEEP, Map.of("Idempotency-Key", "k1"));
        var again = f.request("alice", HttpRequests.SUBMIT, null, Map.of(), SLEEP, Map.of("Idempotency-Key", "k1"));
        var other = f.request("alice", HttpRequests.SUBMIT, null, Map.of(),
                "{\"type\":\"demo.sleep\",\"input\":{\"steps\":9}}", Map.of("Idempotency-Key", "k1"));
        var bobs = f.request("bob", HttpRequests.SUBMIT, null, Map.of(), SLEEP, Map.of("Idempotency-Key", "k1"));

        assertThat(json(again).get("jobId")).isEqualTo(json(first).get("jobId"));
        assertThat(json(again).get("duplicate").getAsBoolean()).isTrue();
        assertThat(other.status()).isEqualTo(422);
        assertThat(json(other).get("code").getAsString()).isEqualTo("conflict");
        assertThat(json(bobs).get("jobId")).isNotEqualTo(json(first).get("jobId"));
    }

    @Test
    void idempotencyKey_isSharedWithTheWebSocketSubmit() {
        var connection = f.base.connect("alice");
        // The WebSocket fixture runs its own JobCommands over the same job store.
        JsonObject accepted = f.base.send(connection, "{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":"
                + "{\"steps\":3,\"delayMs\":0},\"idempotencyKey\":\"shared\"}");

        var http = f.request("alice", HttpRequests.SUBMIT, null, Map.of(), SLEEP, Map.of("Idempotency-Key", "shared"));

        assertThat(json(http).get("jobId")).isEqualTo(accepted.get("jobId"));
    }

    @Test
    void events_pageThroughTheWholeLogWithACursor() {
        JobId jobId = f.submit("alice", SLEEP);
        f.runWorker();
        long last = f.base.events(jobId).size();

        long after = 0;
        int seen = 0;
        boolean more = true;
        while (more) {
            var page = json(f.request("alice", HttpRequests.EVENTS, jobId.value(),
                    Map.of("afterSeq", Long.toString(after), "limit", "2"), null, Map.of()));
            JsonArray events = page.getAsJsonArray("events");
            for (JsonElement event : events) {
                assertThat(event.getAsJsonObject().get("seq").getAsLong()).isEqualTo(after + 1);
                after++;
                seen++;
            }
            assertThat(page.get("nextAfterSeq").getAsLong()).isEqualTo(after);
            more = page.get("more").getAsBoolean();
        }
        assertThat(seen).isEqualTo(last).isEqualTo(4);
        assertThat(f.base.events(jobId).get(3).type().wireName()).isEqualTo("succeeded");
    }

    @Test
    void events_withBadParameters_are400() {
        JobId jobId = f.submit("alice", SLEEP);
        assertThat(f.request("alice", HttpRequests.EVENTS, jobId.value(), Map.of("limit", "0"), null, Map.of())
                .status()).isEqualTo(400);
        assertThat(f.request("alice", HttpRequests.EVENTS, jobId.value(), Map.of("afterSeq", "-1"), null, Map.of())
                .status()).isEqualTo(400);
    }

    @Test
    void cancel_aQueuedJob_is202AndEndsItCancelled_andASecondCancelOfAFinishedJobIs409() {
        JobId jobId = f.submit("alice", SLEEP);
        var cancelled = f.get("alice", HttpRequests.CANCEL, jobId.value());
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(f.base.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);

        JobId other = f.submit("alice", SLEEP);
        f.runWorker();
        var conflict = f.get("alice", HttpRequests.CANCEL, other.value());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(json(conflict).get("code").getAsString()).isEqualTo("conflict");
    }

    @Test
    void list_showsTheUsersJobsNewestFirst_andNobodyElses() {
        JobId first = f.submit("alice", SLEEP);
        f.base.advance(Duration.ofMillis(5));
        JobId second = f.submit("alice", SLEEP);
        f.submit("bob", SLEEP);

        JsonArray jobs = json(f.request("alice", HttpRequests.LIST, null, Map.of("limit", "10"), null, Map.of()))
                .getAsJsonArray("jobs");

        assertThat(jobs).extracting(j -> j.getAsJsonObject().get("jobId").getAsString())
                .containsExactly(second.value(), first.value());
    }

    @Test
    void aLargeResult_isStoredAndAnnouncedByResultUrl() {
        JobId jobId = f.submit("alice", "{\"type\":\"test.large\",\"input\":{\"kb\":300}}");
        f.runWorker();

        var event = f.base.events(jobId).get(f.base.events(jobId).size() - 1);
        JsonObject body = dev.jobwire.core.model.JsonText.parseObject(event.body());
        assertThat(body.has("result")).isFalse();
        assertThat(body.get("resultUrl").getAsString()).isEqualTo(HttpFixture.API_URL + "/jobs/" + jobId + "/result");
        assertThat(json(f.get("alice", HttpRequests.GET, jobId.value())).get("resultUrl").getAsString())
                .endsWith("/jobs/" + jobId + "/result");

        var result = f.get("alice", HttpRequests.RESULT, jobId.value());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).hasSize(300 * 1024 + 2);
    }

    @Test
    void aResultLargerThanTheStoreKeeps_failsTheJob() {
        JobId jobId = f.submit("alice", "{\"type\":\"test.large\",\"input\":{\"kb\":"
                + (ResultStore.MAX_RESULT_BYTES / 1024 + 1) + "}}");
        f.runWorker();

        var job = f.base.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().code()).isEqualTo("result_too_large");
    }

    @Test
    void result_ofAnUnfinishedJob_is409WithRetryAfter_andOfASmallResultIsServedToo() {
        JobId jobId = f.submit("alice", SLEEP);
        var early = f.get("alice", HttpRequests.RESULT, jobId.value());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.headers()).containsKey("Retry-After");

        f.runWorker();
        var result = f.get("alice", HttpRequests.RESULT, jobId.value());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("slept");
    }

    @Test
    void aCallbackUrlToAPrivateAddress_failsTheSubmitAndStoresNothing() {
        var response = f.request("alice", HttpRequests.SUBMIT, null, Map.of(),
                "{\"type\":\"demo.sleep\",\"callbackUrl\":\"https://intranet.example.com/hook\"}", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).get("detail").getAsString()).contains("private");
        assertThat(f.base.jobQueue.drain()).isEmpty();
    }

    @Test
    void anUnknownRoute_is404() {
        assertThat(f.get("alice", "PUT /jobs", null).status()).isEqualTo(404);
    }
}
