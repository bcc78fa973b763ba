package dev.jobwire.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.Pusher;
import org.junit.jupiter.api.Test;

class DeliverNotificationTest {
    private final UseCaseFixture f = new UseCaseFixture();
    private final ConnectionId aliceOne = f.connect("alice");
    private final ConnectionId aliceTwo = f.connect("alice");
    private final ConnectionId bob = f.connect("bob");
    private final Notification event = new Notification(JobId.of("J1"), UserId.of("alice"), 1,
            "{\"type\":\"progress\",\"jobId\":\"J1\",\"seq\":1}");

    @Test
    void deliver_reachesEveryConnectionOfTheOwnerAndNoOneElse() {
        assertThat(f.deliver.deliver(event)).isEqualTo(DeliverNotification.Outcome.DELIVERED);

        assertThat(f.pusher.frames(aliceOne)).containsExactly(event.frame());
        assertThat(f.pusher.frames(aliceTwo)).containsExactly(event.frame());
        assertThat(f.pusher.frames(bob)).isEmpty();
    }

    @Test
    void deliver_goneConnection_isDeletedAndTheOthersStillGetIt() {
        f.advance(DeliverNotification.CONNECTING_GRACE.plusSeconds(1));
        f.pusher.close(aliceOne);

        assertThat(f.deliver.deliver(event)).isEqualTo(DeliverNotification.Outcome.DELIVERED);

        assertThat(f.connectionStore.get(aliceOne)).isEmpty();
        assertThat(f.connectionStore.get(aliceTwo)).isPresent();
        assertThat(f.pusher.frames(aliceTwo)).containsExactly(event.frame());
    }

    @Test
    void deliver_goneAnswerForAConnectionStillConnecting_keepsIt() {
        f.pusher.close(aliceOne);

        assertThat(f.deliver.deliver(event)).isEqualTo(DeliverNotification.Outcome.DELIVERED);

        assertThat(f.connectionStore.get(aliceOne)).isPresent();
    }

    @Test
    void deliver_throttledPush_asksForRetryAndKeepsTheConnection() {
        f.pusher.answerAlways(aliceTwo, Pusher.PushResult.THROTTLED);

        assertThat(f.deliver.deliver(event)).isEqualTo(DeliverNotification.Outcome.RETRY);

        assertThat(f.connectionStore.get(aliceTwo)).isPresent();
        assertThat(f.pusher.frames(aliceOne)).containsExactly(event.frame());
    }

    @Test
    void deliver_failedPush_asksForRetry() {
        f.pusher.answerNext(1, Pusher.PushResult.FAILED);

        assertThat(f.deliver.deliver(event)).isEqualTo(DeliverNotification.Outcome.RETRY);
    }

    @Test
    void deliver_tooLargeEvent_tellsTheClientInstead() {
        Notification huge = new Notification(JobId.of("J1"), UserId.of("alice"), 2,
                "{\"pad\":\"" + "x".repeat(140 * 1024) + "\"}");

        assertThat(f.deliver.deliver(huge)).isEqualTo(DeliverNotification.Outcome.DELIVERED);

        assertThat(f.frames(aliceOne)).singleElement().satisfies(frame -> {
            assertThat(frame.get("code").getAsString()).isEqualTo("payload_too_large");
            assertThat(frame.get("jobId").getAsString()).isEqualTo("J1");
        });
    }
}
