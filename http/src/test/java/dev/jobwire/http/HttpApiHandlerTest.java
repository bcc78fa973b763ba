package dev.jobwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.aws.auth.JwtTokenVerifier;
import dev.jobwire.aws.testing.LambdaEvents;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.memory.InMemoryJobEventLog;
import dev.jobwire.core.memory.InMemoryJobQueue;
import dev.jobwire.core.memory.InMemoryJobStore;
import dev.jobwire.core.memory.InMemoryNotificationQueue;
import dev.jobwire.core.memory.InMemoryResultStore;
import dev.jobwire.core.memory.InMemoryWebhookDeliveryStore;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.UlidGenerator;
import dev.jobwire.core.usecase.EventRecorder;
import dev.jobwire.core.usecase.HttpRequests;
import dev.jobwire.core.usecase.JobCommands;
import dev.jobwire.core.usecase.Policy;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler on API Gateway payload format 2.0 events as they arrive, through the Lambda runtime's serializer. */
class HttpApiHandlerTest {
    private static final String SECRET = "http-api-handler-test-secret-32-bytes";
    private final Clock clock = Clock.system();
    private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    private final InMemoryJobEventLog events = new InMemoryJobEventLog(clock);
    private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
    private final HttpApiHandler handler;

    HttpApiHandlerTest() {
        EventRecorder recorder = new EventRecorder(events, jobs, new InMemoryNotificationQueue(clock), clock,
                Policy.defaults());
        JobCommands commands = new JobCommands(jobs, queue, recorder, JobTypeRegistry.discover(),
                CallbackUrlPolicy.refusingAll(), new UlidGenerator(clock), clock, Policy.defaults());
        handler = new HttpApiHandler(new HttpRequests(new JwtTokenVerifier(SECRET, clock), jobs, events, commands,
                new InMemoryResultStore(clock), new InMemoryWebhookDeliveryStore(clock),
                "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod", clock));
    }

    private String token(String user) {
        return new JwtTokenIssuer(SECRET, clock).issue(UserId.of(user), Duration.ofMinutes(5));
    }

    private APIGatewayV2HTTPResponse post(String token, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = LambdaEvents.load(APIGatewayV2HTTPEvent.class, "events/http-api-post-jobs.json",
                Map.of("TOKEN", token, "IDEMPOTENCY_KEY", "order-42", "BASE64", Boolean.toString(base64),
                        "BODY", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                                : body));
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse get(String token, String method, String routeKey, String jobId) {
        Map<String, String> values = new HashMap<>();
        values.put("TOKEN", token);
        values.put("METHOD", method);
        values.put("ROUTE_KEY", routeKey);
        values.put("RAW_PATH", "/prod/jobs/" + jobId + (routeKey.endsWith("/events") ? "/events" : ""));
        values.put("RAW_QUERY", "afterSeq=0&limit=10");
        values.put("AFTER_SEQ", "0");
        values.put("LIMIT", "10");
        values.put("JOB_ID", jobId);
        return handler.handleRequest(LambdaEvents.load(APIGatewayV2HTTPEvent.class, "events/http-api-get-job.json",
                values), null);
    }

    private static JsonObject json(APIGatewayV2HTTPResponse response) {
        return JsonParser.parseString(response.getBody()).getAsJsonObject();
    }

    @Test
    void postJobs_answers202WithLocation_andTheIdempotencyKeyHeaderNamesTheJob() {
        String body = "{\"type\":\"demo.sleep\",\"input\":{\"steps\":2}}";

        APIGatewayV2HTTPResponse first = post(token("dana"), body, false);
        APIGatewayV2HTTPResponse again = post(token("dana"), body, true);

        assertThat(first.getStatusCode()).isEqualTo(202);
        String jobId = json(first).get("jobId").getAsString();
        assertThat(first.getHeaders()).containsEntry("Location",
                "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/jobs/" + jobId);
        assertThat(json(again).get("jobId").getAsString()).as("base64 body, same key").isEqualTo(jobId);
        assertThat(jobs.get(JobId.of(jobId)).orElseThrow().idempotencyKey()).isEqualTo("order-42");
    }

    @Test
    void getJob_returnsTheViewWithRetryAfter_andAnotherUserGets404ProblemJson() {
        String jobId = json(post(token("dana"), "{\"type\":\"demo.sleep\"}", false)).get("jobId").getAsString();

        APIGatewayV2HTTPResponse own = get(token("dana"), "GET", "GET /jobs/{id}", jobId);
        APIGatewayV2HTTPResponse other = get(token("eve"), "GET", "GET /jobs/{id}", jobId);

        assertThat(own.getStatusCode()).isEqualTo(200);
        assertThat(json(own).get("status").getAsString()).isEqualTo("QUEUED");
        assertThat(own.getHeaders()).containsKey("Retry-After");
        assertThat(other.getStatusCode()).isEqualTo(404);
        assertThat(other.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(json(other).get("code").getAsString()).isEqualTo("not_found");
    }

    @Test
    void eventsAndCancel_arriveOnTheirRouteKeys() {
        String jobId = json(post(token("dana"), "{\"type\":\"demo.sleep\"}", false)).get("jobId").getAsString();

        APIGatewayV2HTTPResponse cancelled = get(token("dana"), "DELETE", "DELETE /jobs/{id}", jobId);
        APIGatewayV2HTTPResponse page = get(token("dana"), "GET", "GET /jobs/{id}/events", jobId);

        assertThat(cancelled.getStatusCode()).isEqualTo(202);
        assertThat(json(page).getAsJsonArray("events")).hasSize(1);
        assertThat(json(page).getAsJsonArray("events").get(0).getAsJsonObject().get("type").getAsString())
                .isEqualTo("cancelled");
    }

    @Test
    void aForgedToken_is401() {
        String forged = new JwtTokenIssuer("another-secret-that-is-32-bytes-long!", clock)
                .issue(UserId.of("dana"), Duration.ofMinutes(5));

        APIGatewayV2HTTPResponse response = post(forged, "{\"type\":\"demo.sleep\"}", false);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders().get("WWW-Authenticate")).contains("invalid_token");
    }
}
