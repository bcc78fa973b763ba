package dev.jobwire.core.usecase;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.memory.InMemoryResultStore;
import dev.jobwire.core.memory.InMemoryWebhookDeliveryStore;
import dev.jobwire.core.memory.InMemoryWebhookQueue;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.HostResolver;
import dev.jobwire.core.port.TokenVerifier;
import dev.jobwire.core.port.UlidGenerator;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.port.WebhookSender;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import dev.jobwire.core.webhook.WebhookSignature;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link UseCaseFixture}'s stores, wired for the HTTP API, large results and webhooks: a resolver
 * that knows {@code hooks.example.com} (public) and {@code intranet.example.com} (private), and a
 * webhook sender that records every POST and answers what the test scripted.
 */
final class HttpFixture {
    static final String API_URL = "https://api.example.com/prod";
    static final String SECRET = "http-fixture-webhook-secret-32-bytes!";

    final UseCaseFixture base;
    final InMemoryResultStore results;
    final InMemoryWebhookDeliveryStore deliveries;
    final InMemoryWebhookQueue webhookQueue;
    final RecordingSender sender = new RecordingSender();
    final EventRecorder recorder;
    final JobCommands commands;
    final HttpRequests http;
    final RunJob runJob;
    final DeliverWebhook deliverWebhook;

    HttpFixture(JobHandler... extraTypes) {
        base = new UseCaseFixture(extraTypes);
        results = new InMemoryResultStore(base.clock);
        deliveries = new InMemoryWebhookDeliveryStore(base.clock);
        webhookQueue = new InMemoryWebhookQueue(base.clock);
        List<JobHandler> handlers = new ArrayList<>(JobTypeRegistry.builtIns());
        handlers.addAll(List.of(extraTypes));
        JobTypeRegistry types = JobTypeRegistry.of(handlers.toArray(JobHandler[]::new));
        HostResolver resolver = host -> switch (host) {
            case "hooks.example.com" -> List.of(InetAddress.getByName("93.184.215.14"));
            case "intranet.example.com" -> List.of(InetAddress.getByName("10.1.2.3"));
            default -> throw new UnknownHostException(host);
        };
        CallbackUrlPolicy urls = new CallbackUrlPolicy(resolver, false);
        recorder = new EventRecorder(base.eventLog, base.jobStore, base.notifications, webhookQueue, base.clock,
                base.policy);
        commands = new JobCommands(base.jobStore, base.jobQueue, recorder, types, urls, new UlidGenerator(base.clock),
                base.clock, base.policy);
        TokenVerifier tokens = token -> token.startsWith("token-")
                ? new TokenVerifier.Valid(UserId.of(token.substring(6)), base.now.get().plusSeconds(3600))
                : new TokenVerifier.Invalid("invalid token");
        http = new HttpRequests(tokens, base.jobStore, base.eventLog, commands, results, deliveries, API_URL,
                base.clock);
        runJob = new RunJob(base.jobStore, base.jobQueue, recorder, types,
                new RunJob.LargeResults(results, API_URL), base.clock, base.policy);
        deliverWebhook = new DeliverWebhook(base.jobStore, base.eventLog, deliveries, webhookQueue, sender, urls,
                new WebhookSignature(SECRET), new DeliverWebhook.Settings(3, Duration.ofSeconds(10),
                Duration.ofMinutes(2)), base.clock);
    }

    HttpRequests.Response request(String user, String routeKey, String id, Map<String, String> query, String body,
                                  Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        if (user != null) {
            all.put("Authorization", "Bearer token-" + user);
        }
        return http.handle(new HttpRequests.Request(routeKey, id == null ? Map.of() : Map.of("id", id), query, all,
                body));
    }

    HttpRequests.Response get(String user, String routeKey, String id) {
        return request(user, routeKey, id, Map.of(), null, Map.of());
    }

    JobId submit(String user, String body) {
        HttpRequests.Response response = request(user, HttpRequests.SUBMIT, null, Map.of(), body, Map.of());
        if (response.status() != 202) {
            throw new IllegalStateException("submit refused: " + response);
        }
        return JobId.of(json(response).get("jobId").getAsString());
    }

    static JsonObject json(HttpRequests.Response response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** Runs the worker on every queued job message once. */
    void runWorker() {
        for (JobId jobId : base.jobQueue.drain()) {
            runJob.run(jobId);
        }
    }

    /** Runs every webhook attempt that is due; returns their outcomes. */
    List<DeliverWebhook.Outcome> runWebhooks() {
        List<DeliverWebhook.Outcome> outcomes = new ArrayList<>();
        for (WebhookQueue.Attempt attempt : webhookQueue.drainDue()) {
            outcomes.add(deliverWebhook.deliver(attempt));
        }
        return outcomes;
    }

    /** One POST as the receiver got it. */
    record Post(URI url, InetAddress address, Map<String, String> headers, String body) {
    }

    static final class RecordingSender implements WebhookSender {
        final List<Post> posts = new CopyOnWriteArrayList<>();
        final Deque<Response> script = new ConcurrentLinkedDeque<>();

        /** Answers the next POSTs with these, then 200. */
        void answer(Response... responses) {
            script.addAll(List.of(responses));
        }

        @Override
        public Response post(URI url, InetAddress address, Map<String, String> headers, String body) {
            posts.add(new Post(url, address, Map.copyOf(headers), body));
            Response next = script.poll();
            return next == null ? new Response(200, null) : next;
        }
    }
}
