package dev.jobwire.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.ElasticMqServer;
import dev.jobwire.core.contract.NotificationQueueContract;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.QueueCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsNotificationQueueTest extends NotificationQueueContract {
    private final ElasticMqServer server = ElasticMqServer.shared();
    private final SqsClient sqs = server.client();
    private String queueUrl;

    @Override
    protected NotificationQueue createQueue() {
        queueUrl = server.createFifoQueue("notify");
        return new SqsNotificationQueue(sqs, queueUrl);
    }

    @Override
    protected List<Notification> receive() {
        return receiveMessages().stream().map(message -> QueueCodec.decodeNotification(message.body())).toList();
    }

    @Override
    protected void breakQueue() {
        sqs.deleteQueue(request -> request.queueUrl(queueUrl));
    }

    @Test
    void publish_groupsByJobAndDeduplicatesByJobAndSeq() {
        Notification notification = new Notification(JobId.of("job-42"), UserId.of("u"), 3, "{\"type\":\"progress\"}");
        new SqsNotificationQueue(sqs, queueUrl).publish(notification);

        List<Message> messages = receiveMessages();

        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.attributes())
                    .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "job-42")
                    .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "job-42#3");
            assertThat(message.body()).isEqualTo(QueueCodec.encodeNotification(notification));
        });
    }

    private List<Message> receiveMessages() {
        List<Message> messages = sqs.receiveMessage(request -> request
                .queueUrl(queueUrl)
                .maxNumberOfMessages(10)
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        for (Message message : messages) {
            sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return messages;
    }
}
