package dev.jobwire.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.contract.NotificationQueueContract;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryNotificationQueueTest extends NotificationQueueContract {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private InMemoryNotificationQueue queue;

    @Override
    protected NotificationQueue createQueue() {
        queue = new InMemoryNotificationQueue(now::get);
        return queue;
    }

    @Override
    protected List<Notification> receive() {
        return queue.drain();
    }

    @Override
    protected void breakQueue() {
        queue.makeUnavailable();
    }

    @Test
    void publish_duplicateJustInsideWindow_isDropped() {
        queue.publish(notification(1, "first"));
        advance(InMemoryNotificationQueue.DEDUPLICATION_WINDOW.minusMillis(1));

        queue.publish(notification(1, "again"));

        assertThat(queue.drain()).extracting(Notification::frame).containsExactly(frame("first"));
    }

    @Test
    void publish_duplicateOnceWindowHasPassed_isDeliveredAgain() {
        queue.publish(notification(1, "first"));
        advance(InMemoryNotificationQueue.DEDUPLICATION_WINDOW);

        queue.publish(notification(1, "again"));

        assertThat(queue.drain()).extracting(Notification::frame).containsExactly(frame("first"), frame("again"));
    }

    @Test
    void publish_droppedDuplicate_doesNotExtendWindow() {
        queue.publish(notification(1, "first"));
        advance(Duration.ofMinutes(4));
        queue.publish(notification(1, "dropped"));
        advance(Duration.ofMinutes(1));

        queue.publish(notification(1, "after window"));

        assertThat(queue.drain()).extracting(Notification::frame)
                .containsExactly(frame("first"), frame("after window"));
    }

    @Test
    void poll_takesInPublishOrder_andSizeCountsWaiting() {
        queue.publish(notification(1, "a"));
        queue.publish(notification(2, "b"));

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).map(Notification::seq).contains(1L);
        assertThat(queue.poll()).map(Notification::seq).contains(2L);
        assertThat(queue.poll()).isEmpty();
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    private static Notification notification(long seq, String text) {
        return new Notification(JobId.of("job-1"), UserId.of("u"), seq, frame(text));
    }

    private static String frame(String text) {
        return "{\"message\":\"" + text + "\"}";
    }
}
