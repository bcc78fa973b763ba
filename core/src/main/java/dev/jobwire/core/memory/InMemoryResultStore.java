package dev.jobwire.core.memory;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ResultStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ResultStore} held in memory, for tests and the local runtime. Thread-safe. */
public final class InMemoryResultStore implements ResultStore {
    private record Stored(String json, Instant expiresAt) {
    }

    private final Map<JobId, Stored> results = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryResultStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(JobId jobId, String resultJson, Instant expiresAt) {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        String json = JsonText.requireValue("result", resultJson);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_RESULT_BYTES) {
            throw new IllegalArgumentException("result is larger than " + MAX_RESULT_BYTES + " bytes");
        }
        results.put(jobId, new Stored(json, expiresAt));
    }

    @Override
    public Optional<String> get(JobId jobId) {
        Stored stored = results.get(jobId);
        return stored == null || !stored.expiresAt().isAfter(clock.now()) ? Optional.empty()
                : Optional.of(stored.json());
    }
}
