package dev.jobwire.core.memory;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConnectionStore} held in one JVM's memory: the local default.
 *
 * <p>Keeps every promise of the port and is stricter where the port allows: {@link #listByUser}
 * is immediately consistent. Each write is atomic per connection id. {@link #touch} never moves
 * {@code lastSeenAt} backwards. A row past its {@code expiresAt} is treated as absent by every
 * operation, as if TTL had already removed it. Listing is linear in the number of rows, which
 * suits a single process, not a fleet.
 */
public final class InMemoryConnectionStore implements ConnectionStore {
    private static final Comparator<Connection> OLDEST_FIRST =
            Comparator.comparing(Connection::connectedAt).thenComparing(c -> c.connectionId().value());

    private final ConcurrentHashMap<ConnectionId, Connection> rows = new ConcurrentHashMap<>();
    // The byUser index: a user's connection ids, so that listing one user's connections does not
    // read every row. It may name rows already deleted; listing skips those.
    private final ConcurrentHashMap<UserId, Set<ConnectionId>> byUser = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryConnectionStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        byUser.compute(connection.userId(), (user, ids) -> {
            Set<ConnectionId> updated = ids != null ? ids : ConcurrentHashMap.newKeySet();
            updated.add(connection.connectionId());
            return updated;
        });
        rows.put(connection.connectionId(), connection);
    }

    @Override
    public Optional<Connection> get(ConnectionId connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        return Optional.ofNullable(rows.get(connectionId)).filter(this::isLive);
    }

    @Override
    public boolean delete(ConnectionId connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        Connection removed = rows.remove(connectionId);
        if (removed != null) {
            byUser.computeIfPresent(removed.userId(), (user, ids) -> {
                ids.remove(connectionId);
                return ids.isEmpty() ? null : ids;
            });
        }
        return removed != null && isLive(removed);
    }

    @Override
    public List<Connection> listByUser(UserId userId) {
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.now();
        Set<ConnectionId> ids = byUser.getOrDefault(userId, Set.of());
        return ids.stream()
                .map(rows::get)
                .filter(c -> c != null && c.userId().equals(userId) && isLive(c, now))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    /** Every live row, oldest first: for the local runtime's view of the table, not a request path. */
    public List<Connection> all() {
        Instant now = clock.now();
        return rows.values().stream().filter(c -> isLive(c, now)).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public boolean touch(ConnectionId connectionId, Instant lastSeenAt) {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        boolean[] existed = {false};
        rows.computeIfPresent(connectionId, (id, current) -> {
            if (!isLive(current)) {
                return current;
            }
            existed[0] = true;
            return lastSeenAt.isAfter(current.lastSeenAt()) ? current.withLastSeenAt(lastSeenAt) : current;
        });
        return existed[0];
    }

    private boolean isLive(Connection connection) {
        return isLive(connection, clock.now());
    }

    private static boolean isLive(Connection connection, Instant now) {
        return now.isBefore(connection.expiresAt());
    }
}
