package dev.jobwire.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.SimulatedCrash;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunJobTest {

    private static List<String> types(List<JobEvent> events) {
        return events.stream().map(e -> e.type().wireName()).toList();
    }

    private static int attemptOf(JobEvent event) {
        return JsonParser.parseString(event.body()).getAsJsonObject().get("attempt").getAsInt();
    }

    @Test
    void run_demoSleep_recordsProgressThenSucceededWithSeqOneToSix() {
        UseCaseFixture f = new UseCaseFixture();
        ConnectionId alice = f.connect("alice");
        JobId jobId = f.submit(alice, "demo.sleep", "{\"steps\":5,\"delayMs\":0}");

        assertThat(f.runWorkerOnce()).containsExactly(RunJob.Outcome.DONE);

        List<JobEvent> events = f.events(jobId);
        assertThat(events).extracting(JobEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(types(events)).containsExactly("progress", "progress", "progress", "progress", "progress",
                "succeeded");
        Job job = f.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.lastSeq()).isEqualTo(6);
        assertThat(job.percent()).isEqualTo(100);
        assertThat(job.result()).contains("\"steps\":5");
        assertThat(f.notifyQueue.drain()).extracting(n -> n.seq()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void run_redeliveredFinishedJob_neverRunsAgainNorAddsATerminalEvent() {
        UseCaseFixture f = new UseCaseFixture();
        JobId jobId = f.submit(f.connect("alice"), "demo.sleep", "{\"steps\":2,\"delayMs\":0}");
        f.runWorkerOnce();

        assertThat(f.runJob.run(jobId)).isEqualTo(RunJob.Outcome.DONE);
        assertThat(f.runJob.run(jobId)).isEqualTo(RunJob.Outcome.DONE);

        assertThat(types(f.events(jobId))).containsExactly("progress", "progress", "succeeded");
        assertThat(f.jobStore.get(jobId).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void run_transientFailure_retriesAndContinuesTheSequence() {
        UseCaseFixture f = new UseCaseFixture();
        JobId jobId = f.submit(f.connect("alice"),
                "demo.fail", "{\"mode\":\"transient\",\"failAfterSteps\":2,\"delayMs\":0,\"succeedOnAttempt\":2}");

        assertThat(f.runWorkerOnce()).containsExactly(RunJob.Outcome.DONE);
        assertThat(f.jobQueue.size()).isZero();
        assertThat(f.jobQueue.delayedSize()).isEqualTo(1);
        f.advanceToRetries();
        assertThat(f.runWorkerOnce()).containsExactly(RunJob.Outcome.DONE);

        List<JobEvent> events = f.events(jobId);
        assertThat(events).extracting(JobEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(types(events)).containsExactly("progress", "progress", "progress", "progress", "progress",
                "succeeded");
        assertThat(events.subList(0, 3)).extracting(RunJobTest::attemptOf).containsExactly(1, 1, 1);
        assertThat(events.get(2).body()).contains("\"retrying\":true");
        assertThat(events.subList(3, 5)).extracting(RunJobTest::attemptOf).containsExactly(2, 2);
        assertThat(f.jobStore.get(jobId).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void run_transientFailureEveryTime_endsFailedAfterMaxAttempts() {
        UseCaseFixture f = new UseCaseFixture();
        JobId jobId = f.submit(f.connect("alice"), "demo.fail", "{\"mode\":\"transient\",\"failAfterSteps\":0}");

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(f.runWorkerOnce()).containsExactly(RunJob.Outcome.DONE);
            f.advanceToRetries();
        }

        Job job = f.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.error().code()).isEqualTo("attempts_exhausted");
        assertThat(f.jobQueue.size()).isZero();
        assertThat(types(f.events(jobId))).endsWith("failed").filteredOn("failed"::equals).hasSize(1);
    }

    @Test
    void run_transientFailureWhenTheQueueRefusesTheRetry_returnsTheMessageToTheQueue() {
        UseCaseFixture f = new UseCaseFixture();
        JobId jobId = f.submit(f.connect("alice"), "demo.fail", "{\"mode\":\"transient\",\"failAfterSteps\":0}");
        f.jobQueue.drain();
        f.jobQueue.makeUnavailable();

        assertThat(f.runJob.run(jobId)).isEqualTo(RunJob.Outcome.RETRY);
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void retryDelay_doublesFromTheFirstAndStopsAtFifteenMinutes() {
        Policy policy = Policy.defaults().withFirstRetryDelay(java.time.Duration.ofSeconds(10));

        assertThat(policy.retryDelay(1, 0)).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(policy.retryDelay(2, 0)).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(policy.retryDelay(3, 0.5)).isEqualTo(java.time.Duration.ofSeconds(36));
        assertThat(policy.retryDelay(30, 0)).isEqualTo(java.time.Duration.ofMinutes(15));
    }

    @Test
    void run_permanentFailure_endsFailedAtOnceWithoutRetry() {
        UseCaseFixture f = new UseCaseFixture();
        JobId jobId = f.submit(f.connect("alice"), "demo.fail", "{\"mode\":\"throw\",\"failAfterSteps\":1,\"delayMs\":0}");

        assertThat(f.runWorkerOnce()).containsExactly(RunJob.Outcome.DONE);

        Job job = f.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.error().code()).isEqualTo("demo_failure");
        JsonObject failed = JsonParser.parseString(f.events(jobId).get(1).body()).getAsJsonObject();
        assertThat(failed.get("attempts").getAsInt()).isEqualTo(1);
    }

    @Test
    void run_invalidStoredInput_failsAtOnceWithoutRetry() {
        UseCaseFixture f = new UseCaseFixture();
        f.connect("alice");
        Job job = Job.queued(JobId.of("J1"), UserId.of("alice"), "demo.sleep", "{\"steps\":0}", null, null,
                f.now.get(), f.now.get().plusSeconds(3600));
        f.jobStore.create(job);

        assertThat(f.runJob.run(job.jobId())).isEqualTo(RunJob.Outcome.DONE);

        assertThat(f.jobStore.get(job.jobId()).orElseThrow().error().code()).isEqualTo("invalid_input");
    }

    @Test
    void run_crash_escapesAndTheDeadLetterPathEndsTheJobVisibly() {
        UseCaseFixture f = new UseCaseFixture();
        ConnectionId alice = f.connect("alice");
        JobId jobId = f.submit(alice, "demo.fail", "{\"mode\":\"crash\",\"failAfterSteps\":1,\"delayMs\":0}");

        for (int receive = 0; receive < f.policy.maxAttempts(); receive++) {
            assertThatThrownBy(() -> f.runJob.run(jobId)).isInstanceOf(SimulatedCrash.class);
        }
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        f.failDeadLettered.fail(jobId);
        f.runNotifierOnce();

        Job job = f.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().code()).isEqualTo("dead_lettered");
        assertThat(job.attempts()).isEqualTo(3);
        List<JsonObject> frames = f.frames(alice);
        assertThat(frames.get(frames.size() - 1).get("type").getAsString()).isEqualTo("failed");
        assertThat(frames).extracting(fr -> fr.get("seq").getAsLong()).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void run_cancelWhileRunning_stopsAtTheNextReportWithOneCancelledEvent() {
        AtomicInteger reports = new AtomicInteger();
        UseCaseFixture[] holder = new UseCaseFixture[1];
        ConnectionId[] owner = new ConnectionId[1];
        JobHandler selfCancelling = new JobHandler() {
            @Override
            public String type() {
                return "test.cancel-midway";
            }

            @Override
            public String description() {
                return "asks for its own cancellation after two steps";
            }

            @Override
            public JsonElement run(JobContext context) throws Exception {
                for (int step = 1; step <= 10; step++) {
                    if (step == 3) {
                        holder[0].send(owner[0], "{\"action\":\"cancel\",\"jobId\":\"" + context.jobId() + "\"}");
                    }
                    context.progress().report(step * 10, "step " + step);
                    reports.incrementAndGet();
                }
                return new JsonObject();
            }
        };
        UseCaseFixture f = new UseCaseFixture(selfCancelling);
        holder[0] = f;
        owner[0] = f.connect("alice");
        JobId jobId = f.submit(owner[0], "test.cancel-midway", "{}");

        f.runWorkerOnce();

        assertThat(reports.get()).isEqualTo(2);
        assertThat(types(f.events(jobId))).containsExactly("progress", "progress", "cancelled");
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void run_whenQueueingTheTerminalEventFails_isRetriedWithoutASecondTerminalEventOrRun() {
        AtomicInteger runs = new AtomicInteger();
        JobHandler counting = new JobHandler() {
            @Override
            public String type() {
                return "test.count";
            }

            @Override
            public String description() {
                return "counts its runs";
            }

            @Override
            public JsonElement run(JobContext context) throws Exception {
                runs.incrementAndGet();
                context.progress().report(50, "half");
                return new JsonObject();
            }
        };
        UseCaseFixture f = new UseCaseFixture(counting);
        JobId jobId = f.submit(f.connect("alice"), "test.count", "{}");
        f.jobQueue.drain();
        f.notifications.refuseOnce(n -> n.frame().contains("\"type\":\"succeeded\""));

        assertThatThrownBy(() -> f.runJob.run(jobId)).isInstanceOf(dev.jobwire.core.port.QueueException.class);
        assertThat(f.runJob.run(jobId)).isEqualTo(RunJob.Outcome.DONE);

        assertThat(runs.get()).isEqualTo(1);
        assertThat(types(f.events(jobId))).containsExactly("progress", "succeeded");
        assertThat(f.jobStore.get(jobId).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.notifyQueue.drain()).extracting(n -> n.seq()).containsExactly(1L, 2L);
    }

    @Test
    void run_whenQueueingAProgressEventFails_everyEventIsStillQueuedInOrder() {
        UseCaseFixture f = new UseCaseFixture();
        JobId jobId = f.submit(f.connect("alice"), "demo.sleep", "{\"steps\":4,\"delayMs\":0}");
        f.jobQueue.drain();
        f.notifications.refuseOnce(n -> n.seq() == 2);
        f.notifications.refuseOnce(n -> n.seq() == 2);

        assertThatThrownBy(() -> f.runJob.run(jobId)).isInstanceOf(dev.jobwire.core.port.QueueException.class);
        assertThat(f.runJob.run(jobId)).isEqualTo(RunJob.Outcome.DONE);

        List<JobEvent> events = f.events(jobId);
        assertThat(events).extracting(JobEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events.get(7).type().wireName()).isEqualTo("succeeded");
        assertThat(f.notifyQueue.drain()).extracting(n -> n.seq()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void run_resultTooLargeForAFrame_failsTheJobAtOnce() {
        JobHandler huge = new JobHandler() {
            @Override
            public String type() {
                return "test.huge";
            }

            @Override
            public String description() {
                return "returns a result too large for one frame";
            }

            @Override
            public JsonElement run(JobContext context) {
                JsonObject result = new JsonObject();
                result.addProperty("pad", "x".repeat(RunJob.MAX_RESULT_BYTES));
                return result;
            }
        };
        UseCaseFixture f = new UseCaseFixture(huge);
        JobId jobId = f.submit(f.connect("alice"), "test.huge", "{}");

        assertThat(f.runWorkerOnce()).containsExactly(RunJob.Outcome.DONE);

        Job job = f.jobStore.get(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().code()).isEqualTo("result_too_large");
        assertThat(job.attempts()).isEqualTo(1);
    }

    @Test
    void run_unknownJob_isDoneWithoutEvents() {
        UseCaseFixture f = new UseCaseFixture();

        assertThat(f.runJob.run(JobId.of("missing"))).isEqualTo(RunJob.Outcome.DONE);
        assertThat(f.events(JobId.of("missing"))).isEmpty();
    }
}
