package dev.jobwire.aws.sqs;

import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.port.WebhookQueue;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A {@link WebhookQueue} on an SQS standard queue; the body is {@link WebhookQueue.Attempt#encode}
 * and the backoff is the message's {@code DelaySeconds}. Any SDK failure, after the client's own
 * retries, becomes a {@link QueueException}.
 */
public final class SqsWebhookQueue implements WebhookQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWebhookQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(Attempt attempt, Duration delay) {
        Objects.requireNonNull(attempt, "attempt");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be within 0.." + MAX_DELAY + ", was " + delay);
        }
        int delaySeconds = (int) ((delay.toMillis() + 999) / 1000);
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(attempt.encode())
                    .delaySeconds(delaySeconds));
        } catch (SdkException e) {
            throw new QueueException("SQS did not accept webhook attempt " + attempt + ": " + e.getMessage(), e);
        }
    }
}
