package dev.jobwire.local.template;

import java.time.Duration;
import java.util.Objects;

/**
 * One {@code AWS::SQS::Queue}.
 *
 * @param logicalId                 the queue's logical id
 * @param queueName                 {@code QueueName}, or {@code <stack>-<logicalId>} (with {@code .fifo}
 *                                  for a FIFO queue) when the template leaves it to CloudFormation
 * @param fifo                      {@code FifoQueue}
 * @param contentBasedDeduplication {@code ContentBasedDeduplication}
 * @param visibilityTimeout         {@code VisibilityTimeout}, 30 s when unset
 * @param messageRetention          {@code MessageRetentionPeriod}, 4 days when unset
 * @param deadLetterQueue           the logical id of the redrive target, or null without a redrive policy
 * @param maxReceiveCount           the redrive policy's {@code maxReceiveCount}, 0 without one
 */
public record QueueDef(String logicalId, String queueName, boolean fifo, boolean contentBasedDeduplication,
                       Duration visibilityTimeout, Duration messageRetention, String deadLetterQueue,
                       int maxReceiveCount) {
    public QueueDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(messageRetention, "messageRetention");
        if (fifo != queueName.endsWith(".fifo")) {
            throw new IllegalArgumentException(logicalId + ": a FIFO queue's name, and only its name, ends with .fifo");
        }
        if ((deadLetterQueue == null) != (maxReceiveCount == 0)) {
            throw new IllegalArgumentException(logicalId + ": a redrive policy needs both a target and maxReceiveCount");
        }
    }

    /** The queue's ARN in the local account and region. */
    public String arn(String region, String accountId) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }
}
