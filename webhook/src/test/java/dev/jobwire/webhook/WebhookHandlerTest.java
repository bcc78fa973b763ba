package dev.jobwire.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.memory.InMemoryJobEventLog;
import dev.jobwire.core.memory.InMemoryJobStore;
import dev.jobwire.core.memory.InMemoryWebhookDeliveryStore;
import dev.jobwire.core.memory.InMemoryWebhookQueue;
import dev.jobwire.core.model.EventType;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.port.WebhookSender;
import dev.jobwire.core.usecase.DeliverWebhook;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import dev.jobwire.core.webhook.WebhookDelivery;
import dev.jobwire.core.webhook.WebhookSignature;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
    private final Clock clock = Clock.system();
    private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    private final InMemoryJobEventLog events = new InMemoryJobEventLog(clock);
    private final InMemoryWebhookDeliveryStore deliveries = new InMemoryWebhookDeliveryStore(clock);
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final WebhookSender sender = (url, address, headers, body) -> {
        posted.add(url + " " + body);
        return new WebhookSender.Response(200, null);
    };
    private final WebhookHandler handler = new WebhookHandler(new DeliverWebhook(jobs, events, deliveries,
            new InMemoryWebhookQueue(clock), sender,
            new CallbackUrlPolicy(host -> List.of(InetAddress.getByName("93.184.215.14")), false),
            new WebhookSignature("webhook-handler-test-secret-32-bytes"), DeliverWebhook.Settings.defaults(), clock));

    @Test
    void aQueuedAttempt_isDelivered_andAForeignMessageIsReportedFailed() {
        JobId jobId = JobId.of("01JOBWIRE00000000000000WH1");
        Instant now = clock.now();
        jobs.create(Job.queued(jobId, UserId.of("dana"), "demo.sleep", "{}", null, "https://hooks.example.com/x", now,
                now.plus(Duration.ofDays(1))));
        events.append(new JobEvent(jobId, 1, EventType.CANCELLED, "{}", now, now.plus(Duration.ofDays(1))));
        jobs.finish(jobId, new Job.Completion(JobStatus.CANCELLED, 1, null, null, null), now);

        SQSBatchResponse response = handler.handleRequest(ApiEvents.jobMessage("m-1",
                new WebhookQueue.Attempt(jobId, 1, 1).encode(), 1), null);
        SQSBatchResponse foreign = handler.handleRequest(ApiEvents.jobMessage("m-2", "{\"nope\":1}", 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(posted).containsExactly("https://hooks.example.com/x {\"type\":\"cancelled\",\"jobId\":\""
                + jobId + "\",\"seq\":1,\"at\":" + now.toEpochMilli() + "}");
        assertThat(deliveries.get(jobId).orElseThrow().status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
        assertThat(foreign.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-2");
    }
}
