package dev.jobwire.test.http;

import static dev.jobwire.test.http.HttpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.webhook.WebhookSignature;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API and webhooks end to end: HTTP clients and a webhook receiver over real sockets →
 * the local runtime's HTTP API emulation → the real functions → ElasticMQ → back. The runtime
 * runs the repository's template with shorter webhook retries (1 s, then 2 s; three attempts)
 * and {@code --allow-loopback-callbacks}, so the receiver can live on 127.0.0.1.
 */
class HttpApiEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    static Path directory;

    static LocalRuntime runtime;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        String template = Files.readString(Path.of("..", "template.yaml"))
                .replace("WEBHOOK_MAX_ATTEMPTS: '8'", "WEBHOOK_MAX_ATTEMPTS: '3'")
                .replace("WEBHOOK_FIRST_RETRY_SECONDS: '10'", "WEBHOOK_FIRST_RETRY_SECONDS: '1'");
        assertThat(template).as("the template's webhook settings").contains("WEBHOOK_MAX_ATTEMPTS: '3'")
                .contains("WEBHOOK_FIRST_RETRY_SECONDS: '1'");
        Path file = directory.resolve("template.yaml");
        Files.writeString(file, template);
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(file).withWebappDir(null)
                .withAllowLoopbackCallbacks(true), line -> { });
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        runtime.close();
    }

    private static String user(String prefix) {
        return prefix + "-" + USERS.incrementAndGet();
    }

    private static HttpApiClient client(String user) {
        return new HttpApiClient(runtime.httpApiUrl(), runtime.devToken(user));
    }

    private static JsonObject pollUntilFinished(HttpApiClient client, String jobId) {
        JsonObject[] last = new JsonObject[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = client.get("/jobs/" + jobId);
            assertThat(response.statusCode()).isEqualTo(200);
            last[0] = json(response);
            String status = last[0].get("status").getAsString();
            if (status.equals("QUEUED") || status.equals("RUNNING")) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                return false;
            }
            assertThat(response.headers().firstValue("Retry-After")).isEmpty();
            return true;
        });
        return last[0];
    }

    @Test
    void aClientThatOnlyPolls_reachesSucceededAndReadsTheResult() {
        HttpApiClient alice = client(user("alice"));

        HttpResponse<String> accepted = alice.post("/jobs", "{\"type\":\"demo.sleep\",\"input\":{\"steps\":3,"
                + "\"delayMs\":50}}", null);

        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = json(accepted).get("jobId").getAsString();
        assertThat(json(accepted).get("status").getAsString()).isEqualTo("QUEUED");
        assertThat(accepted.headers().firstValue("Location")).contains(runtime.httpApiUrl() + "/jobs/" + jobId);
        assertThat(accepted.headers().firstValue("apigw-requestid")).isPresent();
        JsonObject done = pollUntilFinished(alice, jobId);
        assertThat(done.get("status").getAsString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts").getAsInt()).isEqualTo(1);
        assertThat(done.getAsJsonObject("result").get("sleptMs").getAsInt()).isEqualTo(150);

        HttpResponse<String> listed = alice.get("/jobs?limit=5");
        assertThat(json(listed).getAsJsonArray("jobs")).extracting(j -> j.getAsJsonObject().get("jobId").getAsString())
                .contains(jobId);
    }

    @Test
    void theEventsEndpoint_pagesThroughTheWholeLog() {
        HttpApiClient bob = client(user("bob"));
        String jobId = json(bob.post("/jobs", "{\"type\":\"demo.sleep\",\"input\":{\"steps\":7,\"delayMs\":0}}",
                null)).get("jobId").getAsString();
        pollUntilFinished(bob, jobId);

        List<Long> seqs = new CopyOnWriteArrayList<>();
        List<String> types = new CopyOnWriteArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            JsonObject page = json(bob.get("/jobs/" + jobId + "/events?afterSeq=" + after + "&limit=3"));
            JsonArray events = page.getAsJsonArray("events");
            assertThat(events.size()).isLessThanOrEqualTo(3);
            for (JsonElement event : events) {
                seqs.add(event.getAsJsonObject().get("seq").getAsLong());
                types.add(event.getAsJsonObject().get("type").getAsString());
            }
            after = page.get("nextAfterSeq").getAsLong();
            more = page.get("more").getAsBoolean();
        }

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(types).endsWith("succeeded").filteredOn("progress"::equals).hasSize(7);
    }

    @Test
    void anotherUsersJob_is404_andErrorsAreProblemJson() {
        HttpApiClient carol = client(user("carol"));
        String jobId = json(carol.post("/jobs", "{\"type\":\"demo.sleep\",\"input\":{\"steps\":1}}", null))
                .get("jobId").getAsString();
        HttpApiClient mallory = client(user("mallory"));

        HttpResponse<String> stolen = mallory.get("/jobs/" + jobId);
        HttpResponse<String> badType = carol.post("/jobs", "{\"type\":\"no.such.type\"}", null);
        HttpResponse<String> noToken = new HttpApiClient(runtime.httpApiUrl(), null).get("/jobs/" + jobId);
        HttpResponse<String> badMethod = carol.send("PUT", "/jobs/" + jobId);

        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(stolen.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(stolen).get("code").getAsString()).isEqualTo("not_found");
        assertThat(json(stolen).get("status").getAsInt()).isEqualTo(404);
        assertThat(mallory.delete("/jobs/" + jobId).statusCode()).isEqualTo(404);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(json(badType).get("type").getAsString()).isEqualTo("urn:jobwire:problem:bad_request");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(badMethod.statusCode()).as("no route: the gateway's own 404").isEqualTo(404);
        assertThat(json(badMethod).get("message").getAsString()).isEqualTo("Not Found");
    }

    @Test
    void cancel_overHttp_endsTheJobCancelled() {
        HttpApiClient dora = client(user("dora"));
        String jobId = json(dora.post("/jobs", "{\"type\":\"demo.sleep\",\"input\":{\"steps\":200,\"delayMs\":50}}",
                null)).get("jobId").getAsString();

        HttpResponse<String> cancelling = dora.delete("/jobs/" + jobId);

        assertThat(cancelling.statusCode()).isEqualTo(202);
        assertThat(pollUntilFinished(dora, jobId).get("status").getAsString()).isEqualTo("CANCELLED");
    }

    @Test
    void anIdempotencyKey_namesTheSameJobOverTheWebSocketAndOverHttp() throws Exception {
        String user = user("erin");
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = RecordingSocket.open(URI.create(runtime.webSocketUrl() + "?token=" + runtime.devToken(user)), frames);
        try {
            socket.sendText("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":1},"
                    + "\"idempotencyKey\":\"order-7\"}", true).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> frames.stream().anyMatch(f -> f.contains("\"accepted\"")));
            String viaWebSocket = frames.stream().filter(f -> f.contains("\"accepted\"")).findFirst()
                    .map(f -> JsonParser.parseString(f).getAsJsonObject().get("jobId").getAsString()).orElseThrow();

            HttpResponse<String> viaHttp = client(user).post("/jobs", "{\"type\":\"demo.sleep\",\"input\":"
                    + "{\"steps\":1}}", "order-7");

            assertThat(viaHttp.statusCode()).isEqualTo(202);
            assertThat(json(viaHttp).get("jobId").getAsString()).isEqualTo(viaWebSocket);
            assertThat(json(viaHttp).get("duplicate").getAsBoolean()).isTrue();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a300KbResult_arrivesThroughResultUrl() {
        HttpApiClient frank = client(user("frank"));
        String jobId = json(frank.post("/jobs", "{\"type\":\"test.large\",\"input\":{\"kb\":300}}", null))
                .get("jobId").getAsString();

        JsonObject done = pollUntilFinished(frank, jobId);
        assertThat(done.get("status").getAsString()).isEqualTo("SUCCEEDED");
        assertThat(done.has("result")).isFalse();
        String resultUrl = done.get("resultUrl").getAsString();
        assertThat(resultUrl).isEqualTo(runtime.httpApiUrl() + "/jobs/" + jobId + "/result");
        JsonObject events = json(frank.get("/jobs/" + jobId + "/events"));
        JsonArray all = events.getAsJsonArray("events");
        JsonObject succeeded = all.get(all.size() - 1).getAsJsonObject();
        assertThat(succeeded.get("type").getAsString()).isEqualTo("succeeded");
        assertThat(succeeded.get("resultUrl").getAsString()).isEqualTo(resultUrl);

        HttpResponse<String> result = frank.get(resultUrl.substring(runtime.httpApiUrl().toString().length()));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(json(result).get("data").getAsString()).hasSize(300 * 1024);
    }

    @Test
    void aReceiverFailingTwice_getsExactlyOneVerifiedDeliveryOnTheThirdAttempt() {
        receiver.failFirst("/flaky", 2);
        HttpApiClient grace = client(user("grace"));
        String jobId = json(grace.post("/jobs", "{\"type\":\"demo.sleep\",\"input\":{\"steps\":2,\"delayMs\":0},"
                + "\"callbackUrl\":\"" + receiver.url("/flaky") + "\"}", null)).get("jobId").getAsString();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "DELIVERED".equals(
                json(grace.get("/jobs/" + jobId)).getAsJsonObject("webhook").get("status").getAsString()));

        List<WebhookReceiver.Post> posts = receiver.posts("/flaky");
        assertThat(posts).hasSize(3);
        assertThat(posts).extracting(WebhookReceiver.Post::attempt).containsExactly("1", "2", "3");
        assertThat(posts).extracting(WebhookReceiver.Post::eventId).containsOnly(jobId + ".3");
        WebhookSignature signature = new WebhookSignature(runtime.webhookSecret());
        assertThat(posts).allSatisfy(post -> assertThat(signature.verify(post.signature(), post.body(), Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE)).isTrue());
        JsonObject body = JsonParser.parseString(posts.get(2).body()).getAsJsonObject();
        assertThat(body.get("type").getAsString()).isEqualTo("succeeded");
        assertThat(body.get("jobId").getAsString()).isEqualTo(jobId);
        JsonObject webhook = json(grace.get("/jobs/" + jobId)).getAsJsonObject("webhook");
        assertThat(webhook.get("attempts").getAsInt()).isEqualTo(3);
        assertThat(webhook.get("lastStatus").getAsInt()).isEqualTo(200);
    }

    @Test
    void aReceiverThatAlwaysFails_endsInAVisibleFailedDelivery() {
        receiver.failFirst("/down", Integer.MAX_VALUE);
        HttpApiClient heidi = client(user("heidi"));
        String jobId = json(heidi.post("/jobs", "{\"type\":\"demo.fail\",\"input\":{\"failAfterSteps\":0},"
                + "\"callbackUrl\":\"" + receiver.url("/down") + "\"}", null)).get("jobId").getAsString();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "FAILED".equals(
                json(heidi.get("/jobs/" + jobId)).getAsJsonObject("webhook").get("status").getAsString()));

        JsonObject job = json(heidi.get("/jobs/" + jobId));
        JsonObject webhook = job.getAsJsonObject("webhook");
        assertThat(webhook.get("attempts").getAsInt()).isEqualTo(3);
        assertThat(webhook.get("lastStatus").getAsInt()).isEqualTo(500);
        assertThat(webhook.get("lastError").getAsString()).contains("gave up");
        assertThat(receiver.posts("/down")).hasSize(3);
        assertThat(job.has("callbackUrl")).as("the URL itself is never shown").isFalse();
    }
}
