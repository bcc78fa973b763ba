package dev.jobwire.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.aws.lambda.SqsBatches;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.usecase.DeliverNotification;
import java.util.Objects;
import java.util.Set;

/**
 * Pushes job events from the notify FIFO queue to every live connection of each job's owner.
 * Returns the ids to retry: a failed notification and every later one of the same job in the
 * batch, so that order per job survives retries.
 */
public final class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.NOTIFIER;

    private final DeliverNotification deliver;

    public NotifierHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public NotifierHandler(LambdaWiring wiring) {
        this(wiring.deliverNotification());
    }

    public NotifierHandler(DeliverNotification deliver) {
        this.deliver = Objects.requireNonNull(deliver, "deliver");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.inGroupOrder(event, message -> deliver.deliver(
                QueueCodec.decodeNotification(message.getBody())) == DeliverNotification.Outcome.DELIVERED);
    }
}
