package dev.jobwire.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.job.SimulatedCrash;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.usecase.UseCaseFixture;
import org.junit.jupiter.api.Test;

class WorkerHandlerTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final WorkerHandler handler = new WorkerHandler(f.runJob);

    private JobId submit(String type, String input) {
        JobId jobId = f.submit(f.connect("gina"), type, input);
        f.jobQueue.drain();
        return jobId;
    }

    @Test
    void jobMessage_runsTheJobAndReportsNoFailure() {
        JobId jobId = submit("demo.sleep", "{\"steps\":2,\"delayMs\":0}");

        SQSBatchResponse response = handler.handleRequest(
                ApiEvents.jobMessage("m-1", QueueCodec.encodeJob(jobId), 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void transientFailure_queuesADelayedRetryAndDeletesTheMessage() {
        JobId jobId = submit("demo.fail", "{\"mode\":\"transient\",\"failAfterSteps\":0}");

        SQSBatchResponse response = handler.handleRequest(
                ApiEvents.jobMessage("m-2", QueueCodec.encodeJob(jobId), 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(f.jobQueue.delayedSize()).isEqualTo(1);
    }

    @Test
    void transientFailureWithTheQueueDown_isReportedAsExactlyThatMessage() {
        JobId jobId = submit("demo.fail", "{\"mode\":\"transient\",\"failAfterSteps\":0}");
        f.jobQueue.makeUnavailable();

        SQSBatchResponse response = handler.handleRequest(
                ApiEvents.jobMessage("m-2", QueueCodec.encodeJob(jobId), 1), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-2");
    }

    @Test
    void unreadableBody_isReportedFailedSoItReachesTheDeadLetterQueue() {
        SQSBatchResponse response = handler.handleRequest(ApiEvents.jobMessage("m-3", "{not json", 1), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-3");
    }

    @Test
    void crash_failsTheWholeInvocation() {
        JobId jobId = submit("demo.fail", "{\"mode\":\"crash\",\"failAfterSteps\":0}");

        assertThatThrownBy(() -> handler.handleRequest(ApiEvents.jobMessage("m-4", QueueCodec.encodeJob(jobId), 1),
                null)).isInstanceOf(SimulatedCrash.class);
    }
}
