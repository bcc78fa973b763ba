package dev.jobwire.core.memory;

import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link JobEventLog} held in one JVM's memory: the local default.
 *
 * <p>{@link #append} is atomic on ({@code jobId}, {@code seq}): of concurrent appenders of one
 * seq exactly one wins. A seq stays taken after its event expires, just as a DynamoDB item stays
 * until TTL deletes it; expired events are never read.
 */
public final class InMemoryJobEventLog implements JobEventLog {
    private final ConcurrentHashMap<JobId, ConcurrentSkipListMap<Long, JobEvent>> logs = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryJobEventLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean append(JobEvent event) {
        Objects.requireNonNull(event, "event");
        return logs.computeIfAbsent(event.jobId(), id -> new ConcurrentSkipListMap<>())
                .putIfAbsent(event.seq(), event) == null;
    }

    @Override
    public List<JobEvent> read(JobId jobId, long afterSeq, int limit) {
        JobEventLog.checkRead(jobId, afterSeq, limit);
        ConcurrentSkipListMap<Long, JobEvent> log = logs.get(jobId);
        if (log == null) {
            return List.of();
        }
        Instant now = clock.now();
        List<JobEvent> events = new ArrayList<>();
        for (JobEvent event : log.tailMap(afterSeq, false).values()) {
            if (isLive(event, now)) {
                events.add(event);
                if (events.size() == limit) {
                    break;
                }
            }
        }
        return List.copyOf(events);
    }

    @Override
    public Optional<JobEvent> latest(JobId jobId) {
        Objects.requireNonNull(jobId, "jobId");
        ConcurrentSkipListMap<Long, JobEvent> log = logs.get(jobId);
        if (log == null) {
            return Optional.empty();
        }
        Instant now = clock.now();
        return log.descendingMap().values().stream().filter(e -> isLive(e, now)).findFirst();
    }

    private static boolean isLive(JobEvent event, Instant now) {
        return now.isBefore(event.expiresAt());
    }
}
