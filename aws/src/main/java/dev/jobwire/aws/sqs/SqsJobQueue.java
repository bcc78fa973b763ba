package dev.jobwire.aws.sqs;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.QueueException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A {@link JobQueue} on an SQS standard queue. The body is {@link QueueCodec#encodeJob}. SQS
 * stores the message redundantly before {@code SendMessage} returns; delivery is at-least-once in
 * no particular order, and the queue's redrive policy moves a message that keeps failing to the
 * dead-letter queue. Any SDK failure, after the client's own retries, becomes a
 * {@link QueueException}.
 */
public final class SqsJobQueue implements JobQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(JobId jobId) {
        sendLater(jobId, Duration.ZERO);
    }

    @Override
    public void sendLater(JobId jobId, Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be within 0.." + MAX_DELAY + ", was " + delay);
        }
        String body = QueueCodec.encodeJob(jobId);
        int delaySeconds = (int) ((delay.toMillis() + 999) / 1000);
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).delaySeconds(delaySeconds));
        } catch (SdkException e) {
            throw new QueueException("SQS did not accept job " + jobId + ": " + e.getMessage(), e);
        }
    }
}
