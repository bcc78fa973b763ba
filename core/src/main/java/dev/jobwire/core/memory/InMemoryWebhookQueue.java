package dev.jobwire.core.memory;

import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.port.WebhookQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link WebhookQueue} held in memory, for tests: attempts come out once their delay has passed
 * on the clock, in the order they were sent. Thread-safe. It can be made unavailable to exercise
 * the failure path of callers.
 */
public final class InMemoryWebhookQueue implements WebhookQueue {
    private record Delayed(Attempt attempt, Instant visibleAt) {
    }

    private final List<Delayed> messages = new ArrayList<>();
    private final Clock clock;
    private volatile boolean unavailable;

    public InMemoryWebhookQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void send(Attempt attempt, Duration delay) {
        Objects.requireNonNull(attempt, "attempt");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be within 0.." + MAX_DELAY + ", was " + delay);
        }
        if (unavailable) {
            throw new QueueException("webhook queue is unavailable", null);
        }
        long seconds = (delay.toMillis() + 999) / 1000;
        messages.add(new Delayed(attempt, clock.now().plusSeconds(seconds)));
    }

    /** Takes every attempt that is due now. */
    public synchronized List<Attempt> drainDue() {
        Instant now = clock.now();
        List<Attempt> due = new ArrayList<>();
        messages.removeIf(message -> {
            if (!message.visibleAt().isAfter(now)) {
                due.add(message.attempt());
                return true;
            }
            return false;
        });
        return due;
    }

    /** Every attempt still waiting, due or not. */
    public synchronized List<Attempt> pending() {
        return messages.stream().map(Delayed::attempt).toList();
    }

    public void setUnavailable(boolean value) {
        unavailable = value;
    }
}
