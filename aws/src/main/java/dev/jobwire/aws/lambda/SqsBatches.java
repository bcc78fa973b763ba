package dev.jobwire.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jobwire.core.usecase.OrderedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an SQS batch into a partial batch response ({@code ReportBatchItemFailures}): exactly the
 * ids of the messages to retry. A message whose step throws an exception is retried; an
 * {@link Error} is not caught, so the invocation fails as a whole, as it would if the process died.
 */
public final class SqsBatches {
    private static final Logger LOG = Logger.getLogger(SqsBatches.class.getName());

    private SqsBatches() {
    }

    /** Each message on its own (standard queues). */
    public static SQSBatchResponse eachMessage(SQSEvent event, OrderedBatch.Step<SQSEvent.SQSMessage> step) {
        return OrderedBatchResponse.of(OrderedBatch.process(messages(event), SQSEvent.SQSMessage::getMessageId,
                message -> null, logged(step)));
    }

    /**
     * In order per message group (FIFO queues): after a failure, the rest of that group in the
     * batch is retried too, unprocessed.
     */
    public static SQSBatchResponse inGroupOrder(SQSEvent event, OrderedBatch.Step<SQSEvent.SQSMessage> step) {
        return OrderedBatchResponse.of(OrderedBatch.process(messages(event), SQSEvent.SQSMessage::getMessageId,
                SqsBatches::groupId, logged(step)));
    }

    private static String groupId(SQSEvent.SQSMessage message) {
        return message.getAttributes() == null ? null : message.getAttributes().get("MessageGroupId");
    }

    private static List<SQSEvent.SQSMessage> messages(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static OrderedBatch.Step<SQSEvent.SQSMessage> logged(OrderedBatch.Step<SQSEvent.SQSMessage> step) {
        return message -> {
            try {
                return step.process(message);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "message " + message.getMessageId() + " failed; it will be retried", e);
                return false;
            }
        };
    }

    private static final class OrderedBatchResponse {
        static SQSBatchResponse of(List<String> failedIds) {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (String id : failedIds) {
                failures.add(new SQSBatchResponse.BatchItemFailure(id));
            }
            return new SQSBatchResponse(failures);
        }
    }
}
