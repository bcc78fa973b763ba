package dev.jobwire.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.ElasticMqServer;
import dev.jobwire.core.contract.JobQueueContract;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.QueueCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsJobQueueTest extends JobQueueContract {
    private final ElasticMqServer server = ElasticMqServer.shared();
    private final SqsClient sqs = server.client();
    private String queueUrl;

    @Override
    protected JobQueue createQueue() {
        queueUrl = server.createStandardQueue("jobs");
        return new SqsJobQueue(sqs, queueUrl);
    }

    @Override
    protected List<JobId> receive() {
        return receiveMessages().stream().map(message -> QueueCodec.decodeJob(message.body())).toList();
    }

    @Override
    protected void breakQueue() {
        sqs.deleteQueue(request -> request.queueUrl(queueUrl));
    }

    @Test
    void send_writesTheCodecBodyAndNothingElse() {
        new SqsJobQueue(sqs, queueUrl).send(JobId.of("job-7"));

        List<Message> messages = receiveMessages();

        assertThat(messages).singleElement()
                .extracting(Message::body).isEqualTo(QueueCodec.encodeJob(JobId.of("job-7")));
    }

    private List<Message> receiveMessages() {
        List<Message> messages = sqs.receiveMessage(request -> request
                .queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        for (Message message : messages) {
            sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return messages;
    }
}
