package dev.jobwire.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.aws.lambda.SqsBatches;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.usecase.DeliverWebhook;
import java.util.Objects;
import java.util.Set;

/**
 * Delivers webhooks from the webhooks queue: one attempt per message. Returns the ids to retry,
 * those whose attempt may still be running elsewhere or whose follow-up could not be queued;
 * retries with backoff travel as new, delayed messages.
 */
public final class WebhookHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.WEBHOOK;

    private final DeliverWebhook deliver;

    public WebhookHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public WebhookHandler(LambdaWiring wiring) {
        this(wiring.deliverWebhook());
    }

    public WebhookHandler(DeliverWebhook deliver) {
        this.deliver = Objects.requireNonNull(deliver, "deliver");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.eachMessage(event, message -> deliver.deliver(WebhookQueue.Attempt.decode(message.getBody()))
                == DeliverWebhook.Outcome.DONE);
    }
}
