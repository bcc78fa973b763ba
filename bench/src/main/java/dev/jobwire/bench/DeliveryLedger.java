package dev.jobwire.bench;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Every job event each connection received, by ({@code jobId}, {@code seq}): what a client that
 * deduplicates and checks order would see. The first receipt of each (connection, jobId, seq)
 * records its latency from the event's {@code at}; later receipts count as duplicates; a receipt
 * with a lower seq than one the connection already has for that job counts as out of order.
 * Thread-safe.
 */
public final class DeliveryLedger {
    private final Map<Key, Track> tracks = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong firstReceiptMicros = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastReceiptMicros = new AtomicLong();

    private record Key(int connection, String jobId) {
    }

    private static final class Track {
        final BitSet seen = new BitSet();
        int maxSeq;
        int duplicates;
        int outOfOrder;
    }

    /** Records one receipt; {@code atMillis} is the event's own time, {@code receivedMicros} the client's. */
    public void record(int connection, String jobId, int seq, long atMillis, long receivedMicros) {
        Track track = tracks.computeIfAbsent(new Key(connection, jobId), key -> new Track());
        synchronized (track) {
            if (track.seen.get(seq)) {
                track.duplicates++;
                return;
            }
            track.seen.set(seq);
            if (seq < track.maxSeq) {
                track.outOfOrder++;
            }
            track.maxSeq = Math.max(track.maxSeq, seq);
        }
        latencies.recordMicros(receivedMicros - atMillis * 1000);
        distinct.incrementAndGet();
        firstReceiptMicros.accumulateAndGet(receivedMicros, Math::min);
        lastReceiptMicros.accumulateAndGet(receivedMicros, Math::max);
    }

    public long distinctDeliveries() {
        return distinct.get();
    }

    /** Counts against what was expected: {@code expectedSeqs} per job, at each connection {@code connectionsOf} names. */
    public Counts counts(Set<String> jobIds, ToIntFunction<String> expectedSeqs, Map<String, ? extends Iterable<Integer>> connectionsOf) {
        long expected = 0;
        long received = 0;
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (String jobId : jobIds) {
            int seqs = expectedSeqs.applyAsInt(jobId);
            for (int connection : connectionsOf.get(jobId)) {
                expected += seqs;
                Track track = tracks.get(new Key(connection, jobId));
                if (track == null) {
                    lost += seqs;
                    continue;
                }
                synchronized (track) {
                    int got = track.seen.get(1, seqs + 1).cardinality();
                    received += got;
                    lost += seqs - got;
                    duplicates += track.duplicates;
                    outOfOrder += track.outOfOrder;
                }
            }
        }
        double seconds = (lastReceiptMicros.get() - firstReceiptMicros.get()) / 1e6;
        return new Counts(expected, received, lost, duplicates, outOfOrder,
                received > 1 && seconds > 0 ? received / seconds : Double.NaN, latencies.summary());
    }

    /**
     * What was delivered, and how fast, from the first receipt to the last.
     *
     * @param perSecond distinct deliveries per second between the first receipt and the last (NaN below two)
     */
    public record Counts(long expected, long received, long lost, long duplicates, long outOfOrder, double perSecond,
                  Latencies.Summary latency) {
    }
}
