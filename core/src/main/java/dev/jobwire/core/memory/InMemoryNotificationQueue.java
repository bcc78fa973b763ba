package dev.jobwire.core.memory;

import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.QueueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link NotificationQueue} held in memory that behaves like an SQS FIFO queue with
 * {@code MessageGroupId = jobId} and {@code MessageDeduplicationId = jobId#seq}. Thread-safe.
 *
 * <p>Notifications come out in the order they were published (so in order per job). A
 * notification whose {@link Notification#deduplicationId()} was published less than
 * {@link #DEDUPLICATION_WINDOW} earlier, measured on the injected {@link Clock}, is accepted and
 * dropped; as in SQS the window runs from the first publish and a dropped duplicate does not
 * extend it. Every notification passes through {@link QueueCodec}.
 */
public final class InMemoryNotificationQueue implements NotificationQueue {
    /** The deduplication interval of SQS FIFO queues. */
    public static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Deque<String> bodies = new ArrayDeque<>();
    // Insertion order is first-publish order, so expired ids are always at the head.
    private final Map<String, Instant> firstPublished = new LinkedHashMap<>();
    private boolean unavailable;

    public InMemoryNotificationQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryNotificationQueue() {
        this(Clock.system());
    }

    @Override
    public synchronized void publish(Notification notification) {
        String body = QueueCodec.encodeNotification(notification);
        if (unavailable) {
            throw new QueueException("notification queue is unavailable; "
                    + notification.deduplicationId() + " was not published", null);
        }
        Instant now = clock.now();
        forgetExpired(now);
        Instant seen = firstPublished.get(notification.deduplicationId());
        if (seen != null && now.isBefore(seen.plus(DEDUPLICATION_WINDOW))) {
            return;
        }
        firstPublished.remove(notification.deduplicationId());
        firstPublished.put(notification.deduplicationId(), now);
        bodies.addLast(body);
    }

    /** Takes the oldest notification, if any. */
    public synchronized Optional<Notification> poll() {
        return Optional.ofNullable(bodies.pollFirst()).map(QueueCodec::decodeNotification);
    }

    /** Takes every waiting notification in publish order. */
    public synchronized List<Notification> drain() {
        List<Notification> taken = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            taken.add(QueueCodec.decodeNotification(body));
        }
        bodies.clear();
        return taken;
    }

    /** How many notifications wait to be taken. */
    public synchronized int size() {
        return bodies.size();
    }

    /** From now on every {@link #publish} throws {@link QueueException} until {@link #makeAvailable}. */
    public synchronized void makeUnavailable() {
        unavailable = true;
    }

    public synchronized void makeAvailable() {
        unavailable = false;
    }

    private void forgetExpired(Instant now) {
        Iterator<Instant> firsts = firstPublished.values().iterator();
        while (firsts.hasNext()) {
            if (now.isBefore(firsts.next().plus(DEDUPLICATION_WINDOW))) {
                return;
            }
            firsts.remove();
        }
    }
}
