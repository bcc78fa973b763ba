package dev.jobwire.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.usecase.UseCaseFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifierHandlerTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final NotifierHandler handler = new NotifierHandler(f.deliver);

    private static ApiEvents.FifoRecord record(String messageId, String job, long seq) {
        Notification n = new Notification(JobId.of(job), UserId.of("ivan"), seq,
                "{\"type\":\"progress\",\"jobId\":\"" + job + "\",\"seq\":" + seq + "}");
        return new ApiEvents.FifoRecord(messageId, QueueCodec.encodeNotification(n), job, n.deduplicationId());
    }

    @Test
    void batch_pushesEveryNotificationInOrder() {
        ConnectionId conn = f.connect("ivan");

        SQSBatchResponse response = handler.handleRequest(ApiEvents.fifoBatch(List.of(record("1", "A", 1),
                record("2", "B", 1), record("3", "A", 2))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(f.frames(conn)).extracting(fr -> fr.get("jobId").getAsString() + fr.get("seq").getAsLong())
                .containsExactly("A1", "B1", "A2");
    }

    @Test
    void throttledPush_retriesThatNotificationAndTheRestOfItsJobOnly() {
        ConnectionId conn = f.connect("ivan");
        f.pusher.answerNext(1, Pusher.PushResult.THROTTLED);

        SQSBatchResponse response = handler.handleRequest(ApiEvents.fifoBatch(List.of(record("1", "A", 1),
                record("2", "B", 1), record("3", "A", 2))), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1", "3");
        assertThat(f.frames(conn)).extracting(fr -> fr.get("jobId").getAsString() + fr.get("seq").getAsLong())
                .containsExactly("B1");
    }

    @Test
    void unreadableBody_isRetriedNotDropped() {
        SQSBatchResponse response = handler.handleRequest(ApiEvents.fifoBatch(List.of(
                new ApiEvents.FifoRecord("x", "garbage", "A", "A#1"))), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
    }
}
