package dev.jobwire.cli.follow;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one job's events in order, exactly once. Delivery is at-least-once and a live event may
 * overtake a replay, so events at or below the last delivered seq are dropped as duplicates and
 * events above the next expected seq wait until the hole before them is filled (by a replay) or
 * declared lost ({@link #skipTo}). Not thread-safe: one follower owns it.
 */
public final class EventSequencer {
    private long lastSeq;
    private final TreeMap<Long, JsonObject> waiting = new TreeMap<>();

    /** @param afterSeq the last seq already held; 0 for none */
    public EventSequencer(long afterSeq) {
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must be >= 0");
        }
        this.lastSeq = afterSeq;
    }

    /** Takes one event and returns those now deliverable, in seq order; empty for a duplicate or an early event. */
    public List<JsonObject> accept(long seq, JsonObject event) {
        if (seq <= lastSeq || waiting.containsKey(seq)) {
            return List.of();
        }
        waiting.put(seq, event);
        return drain();
    }

    /**
     * Declares every seq up to {@code toSeq} that has not arrived as lost (expired, or too large to
     * send): events waiting at or below it are still delivered, in order, and then whatever follows
     * without a hole.
     */
    public List<JsonObject> skipTo(long toSeq) {
        List<JsonObject> ready = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.firstKey() <= toSeq) {
            Map.Entry<Long, JsonObject> first = waiting.pollFirstEntry();
            ready.add(first.getValue());
            lastSeq = Math.max(lastSeq, first.getKey());
        }
        lastSeq = Math.max(lastSeq, toSeq);
        ready.addAll(drain());
        return ready;
    }

    /** The last seq delivered without a hole before it: what a resume starts after. */
    public long lastSeq() {
        return lastSeq;
    }

    /** True when an event arrived early: one or more seqs before it are missing. */
    public boolean hasHole() {
        return !waiting.isEmpty();
    }

    private List<JsonObject> drain() {
        List<JsonObject> ready = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.firstKey() == lastSeq + 1) {
            ready.add(waiting.pollFirstEntry().getValue());
            lastSeq++;
        }
        return ready;
    }
}
