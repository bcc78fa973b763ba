package dev.jobwire.aws.sqs;

import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.QueueException;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A {@link NotificationQueue} on an SQS FIFO queue with content-based deduplication off:
 * {@code MessageGroupId} is the job id, so SQS keeps order per job and lets jobs proceed in
 * parallel, and {@code MessageDeduplicationId} is {@link Notification#deduplicationId()}
 * ({@code jobId#seq}), so a repeated publish within SQS's five-minute window is dropped. The body
 * is {@link QueueCodec#encodeNotification}. Any SDK failure, after the client's own retries,
 * becomes a {@link QueueException}.
 */
public final class SqsNotificationQueue implements NotificationQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNotificationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void publish(Notification notification) {
        String body = QueueCodec.encodeNotification(notification);
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl)
                    .messageGroupId(notification.jobId().value())
                    .messageDeduplicationId(notification.deduplicationId())
                    .messageBody(body));
        } catch (SdkException e) {
            throw new QueueException("SQS did not accept notification " + notification.deduplicationId()
                    + ": " + e.getMessage(), e);
        }
    }
}
