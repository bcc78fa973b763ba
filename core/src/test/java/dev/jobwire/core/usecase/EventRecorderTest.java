package dev.jobwire.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final Job job = Job.queued(JobId.of("J1"), UserId.of("alice"), "demo.sleep", "{}", null, null,
            f.now.get(), f.now.get().plus(java.time.Duration.ofDays(30)));

    @RepeatedTest(25)
    void concurrentWriters_takeDistinctSeqsWithoutGapsAndOneTerminalEvent() throws Exception {
        f.jobStore.create(job);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> finished = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int id = w;
                finished.add(pool.submit(() -> {
                    EventRecorder.Writer writer = f.recorder.writer(job);
                    start.await();
                    try {
                        for (int i = 0; i < 20; i++) {
                            writer.progress(i, "writer " + id, null, 1);
                        }
                        writer.failed(new JobError("x", "writer " + id), 1);
                        return true;
                    } catch (EventRecorder.AlreadyFinished e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : finished) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        List<JobEvent> events = f.events(job.jobId());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).seq()).isEqualTo(i + 1);
        }
        assertThat(events).filteredOn(e -> e.type().isTerminal()).hasSize(1);
        assertThat(events.get(events.size() - 1).type().isTerminal()).isTrue();
        assertThat(f.jobStore.get(job.jobId()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void settle_repairsAJobRowThatMissedItsTerminalEvent() throws Exception {
        f.jobStore.create(job);
        f.eventLog.append(new JobEvent(job.jobId(), 1, dev.jobwire.core.model.EventType.SUCCEEDED,
                "{\"result\":{\"ok\":true}}", f.now.get(), f.now.get().plusSeconds(60)));

        assertThat(f.recorder.settle(job).ended()).isTrue();

        Job settled = f.jobStore.get(job.jobId()).orElseThrow();
        assertThat(settled.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(settled.result()).isEqualTo("{\"ok\":true}");
        assertThat(f.notifyQueue.drain()).singleElement().satisfies(n -> assertThat(n.seq()).isEqualTo(1));
    }

    @Test
    void progress_afterExpiredEvents_continuesFromTheJobRow() throws Exception {
        f.jobStore.create(job);
        f.recorder.writer(job).progress(10, "a", new JsonObject(), 1);
        f.advance(f.policy.eventRetention().plusSeconds(1));

        long seq = f.recorder.writer(job).progress(20, "b", null, 1);

        assertThat(seq).isEqualTo(2);
    }
}
