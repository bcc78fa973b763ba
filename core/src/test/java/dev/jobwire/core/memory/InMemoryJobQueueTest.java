package dev.jobwire.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.contract.JobQueueContract;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.JobQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryJobQueueTest extends JobQueueContract {
    private InMemoryJobQueue queue;

    @Override
    protected JobQueue createQueue() {
        queue = new InMemoryJobQueue();
        return queue;
    }

    @Override
    protected List<JobId> receive() {
        return queue.drain();
    }

    @Override
    protected void breakQueue() {
        queue.makeUnavailable();
    }

    @Test
    void poll_takesJobsInSendOrder() {
        queue.send(JobId.of("a"));
        queue.send(JobId.of("b"));

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).contains(JobId.of("a"));
        assertThat(queue.poll()).contains(JobId.of("b"));
        assertThat(queue.poll()).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void pollWithTimeout_returnsJobSentWhileWaiting() throws Exception {
        CompletableFuture<java.util.Optional<JobId>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        queue.send(JobId.of("late"));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).contains(JobId.of("late"));
    }

    @Test
    void makeAvailable_afterUnavailable_acceptsAgain() {
        queue.makeUnavailable();
        queue.makeAvailable();

        queue.send(JobId.of("back"));

        assertThat(queue.drain()).containsExactly(JobId.of("back"));
    }

    @Test
    void send_fromManyThreads_keepsEveryJob() {
        List<CompletableFuture<Void>> senders = java.util.stream.IntStream.range(0, 8)
                .mapToObj(t -> CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 250; i++) {
                        queue.send(JobId.of("t" + t + "-" + i));
                    }
                }))
                .toList();
        senders.forEach(CompletableFuture::join);

        assertThat(queue.drain()).hasSize(2000).doesNotHaveDuplicates();
    }
}
