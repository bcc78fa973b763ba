package dev.jobwire.core.usecase;

import static dev.jobwire.core.usecase.HttpFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.port.WebhookSender;
import dev.jobwire.core.webhook.WebhookDelivery;
import dev.jobwire.core.webhook.WebhookSignature;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverWebhookTest {
    private static final String WITH_HOOK = "{\"type\":\"demo.sleep\",\"input\":{\"steps\":2,\"delayMs\":0},"
            + "\"callbackUrl\":\"https://hooks.example.com/jobwire\"}";

    private final HttpFixture f = new HttpFixture();

    private JobId finishedJobWithHook() {
        JobId jobId = f.submit("alice", WITH_HOOK);
        f.runWorker();
        return jobId;
    }

    @Test
    void theTerminalEvent_isPostedOnceSignedToThePinnedAddress() {
        JobId jobId = finishedJobWithHook();

        assertThat(f.runWebhooks()).containsExactly(DeliverWebhook.Outcome.DONE);

        assertThat(f.sender.posts).hasSize(1);
        HttpFixture.Post post = f.sender.posts.get(0);
        assertThat(post.url().toString()).isEqualTo("https://hooks.example.com/jobwire");
        assertThat(post.address().getHostAddress()).isEqualTo("93.184.215.14");
        JsonObject body = dev.jobwire.core.model.JsonText.parseObject(post.body());
        assertThat(body.get("type").getAsString()).isEqualTo("succeeded");
        assertThat(body.get("jobId").getAsString()).isEqualTo(jobId.value());
        assertThat(post.headers()).containsEntry("Jobwire-Event-Id", jobId.value() + ".3");
        assertThat(new WebhookSignature(HttpFixture.SECRET).verify(post.headers().get("Jobwire-Signature"),
                post.body(), f.base.now.get(), Duration.ofMinutes(5))).isTrue();

        JsonObject webhook = json(f.get("alice", HttpRequests.GET, jobId.value())).getAsJsonObject("webhook");
        assertThat(webhook.get("status").getAsString()).isEqualTo("DELIVERED");
        assertThat(webhook.get("attempts").getAsInt()).isEqualTo(1);
        assertThat(webhook.get("lastStatus").getAsInt()).isEqualTo(200);
    }

    @Test
    void failedAttempts_areRetriedWithBackoff_untilOneSucceeds() {
        JobId jobId = finishedJobWithHook();
        f.sender.answer(new WebhookSender.Response(500, null), new WebhookSender.Response(0, "connect timed out"));

        f.runWebhooks();
        assertThat(f.webhookQueue.drainDue()).as("the retry waits").isEmpty();
        JsonObject pending = json(f.get("alice", HttpRequests.GET, jobId.value())).getAsJsonObject("webhook");
        assertThat(pending.get("status").getAsString()).isEqualTo("PENDING");
        assertThat(pending.get("lastStatus").getAsInt()).isEqualTo(500);
        assertThat(pending.has("nextAttemptAt")).isTrue();

        f.base.advance(Duration.ofSeconds(10));
        f.runWebhooks();
        f.base.advance(Duration.ofSeconds(20));
        f.runWebhooks();

        assertThat(f.sender.posts).hasSize(3);
        assertThat(f.sender.posts).extracting(p -> p.headers().get("Jobwire-Event-Id")).containsOnly(jobId + ".3");
        assertThat(f.sender.posts).extracting(p -> p.headers().get("Jobwire-Delivery-Attempt"))
                .containsExactly("1", "2", "3");
        assertThat(f.deliveries.get(jobId).orElseThrow().status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    }

    @Test
    void afterTheLastAttemptFails_theDeliveryEndsFailedAndVisible() {
        JobId jobId = finishedJobWithHook();
        f.sender.answer(new WebhookSender.Response(503, null), new WebhookSender.Response(503, null),
                new WebhookSender.Response(503, null));

        for (int i = 0; i < 5; i++) {
            f.runWebhooks();
            f.base.advance(Duration.ofMinutes(1));
        }

        assertThat(f.sender.posts).hasSize(3);
        assertThat(f.webhookQueue.pending()).isEmpty();
        JsonObject webhook = json(f.get("alice", HttpRequests.GET, jobId.value())).getAsJsonObject("webhook");
        assertThat(webhook.get("status").getAsString()).isEqualTo("FAILED");
        assertThat(webhook.get("attempts").getAsInt()).isEqualTo(3);
        assertThat(webhook.get("lastError").getAsString()).contains("503").contains("gave up");
    }

    @Test
    void aDuplicatedMessage_sendsNothingMore() {
        JobId jobId = finishedJobWithHook();
        List<WebhookQueue.Attempt> due = f.webhookQueue.drainDue();

        f.deliverWebhook.deliver(due.get(0));
        f.deliverWebhook.deliver(due.get(0));

        assertThat(f.sender.posts).hasSize(1);
        assertThat(f.deliveries.get(jobId).orElseThrow().status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    }

    @Test
    void whenQueueingTheRetryFails_theRedeliveredMessageQueuesIt() {
        JobId jobId = finishedJobWithHook();
        f.sender.answer(new WebhookSender.Response(500, null));
        WebhookQueue.Attempt first = f.webhookQueue.drainDue().get(0);

        f.webhookQueue.setUnavailable(true);
        assertThat(f.deliverWebhook.deliver(first)).isEqualTo(DeliverWebhook.Outcome.RETRY);
        f.webhookQueue.setUnavailable(false);
        assertThat(f.deliverWebhook.deliver(first)).isEqualTo(DeliverWebhook.Outcome.DONE);

        assertThat(f.sender.posts).hasSize(1);
        assertThat(f.webhookQueue.pending()).containsExactly(new WebhookQueue.Attempt(jobId, 3, 2));
    }

    @Test
    void anAttemptWhoseFunctionDied_countsAsFailedOnceItsLeaseIsOver() {
        JobId jobId = finishedJobWithHook();
        WebhookQueue.Attempt first = f.webhookQueue.drainDue().get(0);
        WebhookDelivery claimed = new WebhookDelivery(jobId, DeliverWebhook.eventId(jobId, 3), 3,
                WebhookDelivery.Status.PENDING, 1, f.base.now.get(), false, 0, null, null, f.base.now.get(), 1,
                f.base.now.get().plus(Duration.ofDays(1)));
        f.deliveries.put(claimed);

        assertThat(f.deliverWebhook.deliver(first)).as("still within its lease").isEqualTo(DeliverWebhook.Outcome.RETRY);
        f.base.advance(Duration.ofMinutes(3));
        assertThat(f.deliverWebhook.deliver(first)).isEqualTo(DeliverWebhook.Outcome.DONE);

        assertThat(f.sender.posts).isEmpty();
        assertThat(f.webhookQueue.pending()).containsExactly(new WebhookQueue.Attempt(jobId, 3, 2));
    }

    @Test
    void aJobWithoutCallbackUrl_queuesNoWebhook() {
        f.submit("alice", "{\"type\":\"demo.sleep\",\"input\":{\"steps\":1,\"delayMs\":0}}");
        f.runWorker();

        assertThat(f.webhookQueue.pending()).isEmpty();
    }

    @Test
    void aCancelledJob_alsoCallsBack() {
        JobId jobId = f.submit("alice", WITH_HOOK);
        f.get("alice", HttpRequests.CANCEL, jobId.value());

        f.runWebhooks();

        assertThat(f.sender.posts).hasSize(1);
        assertThat(f.sender.posts.get(0).body()).contains("\"type\":\"cancelled\"");
    }
}
