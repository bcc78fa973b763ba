package dev.jobwire.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.aws.lambda.SqsBatches;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.usecase.FailDeadLetteredJob;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the jobs dead-letter queue: each job there ends FAILED ({@code dead_lettered}) and its
 * owner is told. A body that names no job cannot be failed; it is logged with its full text and
 * removed, since keeping it would only invoke this function again until the queue's retention ends.
 */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.DEAD_LETTER;
    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class.getName());

    private final FailDeadLetteredJob failJob;

    public DeadLetterHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public DeadLetterHandler(LambdaWiring wiring) {
        this(wiring.failDeadLetteredJob());
    }

    public DeadLetterHandler(FailDeadLetteredJob failJob) {
        this.failJob = Objects.requireNonNull(failJob, "failJob");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.eachMessage(event, message -> {
            JobId jobId;
            try {
                jobId = QueueCodec.decodeJob(message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.SEVERE, "dead-lettered message " + message.getMessageId()
                        + " names no job and is dropped; body: " + message.getBody(), e);
                return true;
            }
            failJob.fail(jobId);
            return true;
        });
    }
}
