package dev.jobwire.core.memory;

import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.port.Pusher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Pusher} that records frames in memory, with the outcomes of API Gateway's management
 * API. Thread-safe.
 *
 * <p>Only {@linkplain #open open} connections receive frames; pushing to an unknown or
 * {@linkplain #close closed} connection is {@link PushResult#GONE}. A frame over
 * {@link #MAX_FRAME_BYTES} of UTF-8 is {@link PushResult#TOO_LARGE}. Failures can be scripted,
 * either for the next pushes to any connection ({@link #answerNext}) or for every push to one
 * connection ({@link #answerAlways}); a scripted answer wins over everything else. Frames are kept
 * per connection in delivery order, and every attempt, delivered or not, is kept in
 * {@link #pushes()}.
 */
public final class InMemoryPusher implements Pusher {
    /** API Gateway's limit for one WebSocket message: 128 KB. */
    public static final int MAX_FRAME_BYTES = 128 * 1024;

    private final Map<ConnectionId, List<String>> frames = new HashMap<>();
    private final Map<ConnectionId, Boolean> open = new HashMap<>();
    private final Map<ConnectionId, PushResult> alwaysAnswer = new HashMap<>();
    private final List<PushResult> nextAnswers = new ArrayList<>();
    private final List<Push> pushes = new ArrayList<>();

    @Override
    public synchronized PushResult push(ConnectionId connectionId, String frame) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(frame, "frame");
        PushResult result = outcome(connectionId, frame);
        if (result == PushResult.DELIVERED) {
            frames.get(connectionId).add(frame);
        }
        pushes.add(new Push(connectionId, frame, result));
        return result;
    }

    private PushResult outcome(ConnectionId connectionId, String frame) {
        if (!nextAnswers.isEmpty()) {
            return nextAnswers.remove(0);
        }
        PushResult scripted = alwaysAnswer.get(connectionId);
        if (scripted != null) {
            return scripted;
        }
        if (!Boolean.TRUE.equals(open.get(connectionId))) {
            return PushResult.GONE;
        }
        if (frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            return PushResult.TOO_LARGE;
        }
        return PushResult.DELIVERED;
    }

    /** Makes the connection live, so that frames pushed to it are delivered. */
    public synchronized void open(ConnectionId connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        if (open.containsKey(connectionId)) {
            throw new IllegalStateException("connection " + connectionId + " was opened before");
        }
        open.put(connectionId, true);
        frames.put(connectionId, new ArrayList<>());
    }

    /** Closes the connection: later pushes to it are GONE; frames it received stay readable. */
    public synchronized void close(ConnectionId connectionId) {
        if (open.containsKey(connectionId)) {
            open.put(connectionId, false);
        }
    }

    public synchronized boolean isOpen(ConnectionId connectionId) {
        return Boolean.TRUE.equals(open.get(connectionId));
    }

    /** The frames delivered to the connection, in order; empty for an unknown connection. */
    public synchronized List<String> frames(ConnectionId connectionId) {
        return List.copyOf(frames.getOrDefault(connectionId, List.of()));
    }

    /** Every push attempt, in order, with its outcome. */
    public synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** The next {@code count} pushes, to whatever connection, answer {@code result}. */
    public synchronized void answerNext(int count, PushResult result) {
        requireFailure(result);
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        for (int i = 0; i < count; i++) {
            nextAnswers.add(result);
        }
    }

    /** Every push to the connection answers {@code result} until {@link #clearAnswers}. */
    public synchronized void answerAlways(ConnectionId connectionId, PushResult result) {
        Objects.requireNonNull(connectionId, "connectionId");
        requireFailure(result);
        alwaysAnswer.put(connectionId, result);
    }

    /** Forgets every scripted answer. */
    public synchronized void clearAnswers() {
        nextAnswers.clear();
        alwaysAnswer.clear();
    }

    private static void requireFailure(PushResult result) {
        Objects.requireNonNull(result, "result");
        if (result == PushResult.DELIVERED) {
            throw new IllegalArgumentException("only failures can be scripted; open a connection to deliver");
        }
    }

    /** One push attempt and what became of it. */
    public record Push(ConnectionId connectionId, String frame, PushResult result) {
        public Push {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(result, "result");
        }
    }
}
