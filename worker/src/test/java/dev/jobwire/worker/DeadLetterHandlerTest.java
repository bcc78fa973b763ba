package dev.jobwire.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.usecase.UseCaseFixture;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final DeadLetterHandler handler = new DeadLetterHandler(f.failDeadLettered);

    @Test
    void deadLetteredJob_endsFailedAndItsOwnerIsTold() {
        JobId jobId = f.submit(f.connect("hana"), "demo.sleep", "{}");

        var response = handler.handleRequest(ApiEvents.jobMessage("d-1", QueueCodec.encodeJob(jobId), 4), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        var job = f.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().code()).isEqualTo("dead_lettered");
        assertThat(f.notifyQueue.drain()).singleElement()
                .satisfies(n -> assertThat(n.frame()).contains("\"type\":\"failed\""));
    }

    @Test
    void deadLetteredMessage_forAFinishedJob_changesNothing() {
        JobId jobId = f.submit(f.connect("hana"), "demo.sleep", "{\"steps\":1,\"delayMs\":0}");
        f.runWorkerOnce();

        handler.handleRequest(ApiEvents.jobMessage("d-2", QueueCodec.encodeJob(jobId), 4), null);

        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.events(jobId)).hasSize(2);
    }
}
