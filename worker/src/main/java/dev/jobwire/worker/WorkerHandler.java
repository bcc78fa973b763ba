package dev.jobwire.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.aws.lambda.SqsBatches;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.usecase.RunJob;
import java.util.Objects;
import java.util.Set;

/**
 * Runs jobs from the jobs queue. Returns exactly the message ids to retry: transient failures and
 * bodies that cannot be read (they go on to the dead-letter queue, where they stay visible). A
 * crashed attempt (an {@link Error}) fails the whole invocation, as a dying process would.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.WORKER;

    private final RunJob runJob;

    public WorkerHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public WorkerHandler(LambdaWiring wiring) {
        this(wiring.runJob());
    }

    public WorkerHandler(RunJob runJob) {
        this.runJob = Objects.requireNonNull(runJob, "runJob");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.eachMessage(event,
                message -> runJob.run(QueueCodec.decodeJob(message.getBody())) == RunJob.Outcome.DONE);
    }
}
