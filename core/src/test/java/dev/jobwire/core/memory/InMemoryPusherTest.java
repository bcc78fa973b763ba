package dev.jobwire.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobwire.core.contract.PusherContract;
import dev.jobwire.core.memory.InMemoryPusher.Push;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.port.Pusher.PushResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryPusherTest extends PusherContract {
    private final AtomicInteger ids = new AtomicInteger();
    private InMemoryPusher pusher;

    @Override
    protected Pusher createPusher() {
        pusher = new InMemoryPusher();
        return pusher;
    }

    @Override
    protected ConnectionId openConnection() {
        ConnectionId connectionId = ConnectionId.of("conn" + ids.incrementAndGet() + "=");
        pusher.open(connectionId);
        return connectionId;
    }

    @Override
    protected void closeConnection(ConnectionId connectionId) {
        pusher.close(connectionId);
    }

    @Override
    protected List<String> framesReceivedBy(ConnectionId connectionId) {
        return pusher.frames(connectionId);
    }

    @Override
    protected void throttle(ConnectionId connectionId) {
        pusher.answerAlways(connectionId, PushResult.THROTTLED);
    }

    @Override
    protected void failWithServerError(ConnectionId connectionId) {
        pusher.answerAlways(connectionId, PushResult.FAILED);
    }

    @Test
    void push_exactlyAtLimitInUtf8Bytes_isDelivered_oneByteMoreIsTooLarge() {
        ConnectionId connectionId = openConnection();
        String atLimit = "é".repeat(InMemoryPusher.MAX_FRAME_BYTES / 2);
        String overLimit = atLimit + "x";

        assertThat(pusher.push(connectionId, atLimit)).isEqualTo(PushResult.DELIVERED);
        assertThat(pusher.push(connectionId, overLimit)).isEqualTo(PushResult.TOO_LARGE);
    }

    @Test
    void answerNext_scriptsThatManyPushes_thenDeliversAgain() {
        ConnectionId connectionId = openConnection();
        pusher.answerNext(2, PushResult.THROTTLED);

        assertThat(pusher.push(connectionId, "1")).isEqualTo(PushResult.THROTTLED);
        assertThat(pusher.push(connectionId, "2")).isEqualTo(PushResult.THROTTLED);
        assertThat(pusher.push(connectionId, "3")).isEqualTo(PushResult.DELIVERED);
        assertThat(pusher.frames(connectionId)).containsExactly("3");
    }

    @Test
    void answerNext_canScriptTooLarge() {
        ConnectionId connectionId = openConnection();
        pusher.answerNext(1, PushResult.TOO_LARGE);

        assertThat(pusher.push(connectionId, "{}")).isEqualTo(PushResult.TOO_LARGE);
    }

    @Test
    void clearAnswers_restoresDelivery() {
        ConnectionId connectionId = openConnection();
        pusher.answerAlways(connectionId, PushResult.FAILED);
        pusher.clearAnswers();

        assertThat(pusher.push(connectionId, "{}")).isEqualTo(PushResult.DELIVERED);
    }

    @Test
    void answerNext_rejectsDelivered() {
        assertThatThrownBy(() -> pusher.answerNext(1, PushResult.DELIVERED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pushes_recordsEveryAttemptWithItsOutcome() {
        ConnectionId live = openConnection();
        ConnectionId unknown = ConnectionId.of("unknown");

        pusher.push(live, "a");
        pusher.push(unknown, "b");

        assertThat(pusher.pushes()).containsExactly(
                new Push(live, "a", PushResult.DELIVERED),
                new Push(unknown, "b", PushResult.GONE));
    }

    @Test
    void push_fromManyThreads_keepsEachThreadsOrder() {
        List<ConnectionId> connections = IntStream.range(0, 4).mapToObj(i -> openConnection()).toList();
        List<CompletableFuture<Void>> senders = connections.stream()
                .map(connectionId -> CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 200; i++) {
                        pusher.push(connectionId, Integer.toString(i));
                    }
                }))
                .toList();
        senders.forEach(CompletableFuture::join);

        List<String> expected = IntStream.range(0, 200).mapToObj(Integer::toString).toList();
        connections.forEach(connectionId -> assertThat(pusher.frames(connectionId)).isEqualTo(expected));
    }
}
