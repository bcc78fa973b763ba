package dev.jobwire.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ConnectionStore} must have. Subclasses supply a fresh, empty store
 * reading the given clock. {@code listByUser} is only eventually consistent, so its assertions
 * wait for the expected answer instead of demanding it at once.
 */
public abstract class ConnectionStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofHours(2));
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private ConnectionStore store;

    protected abstract ConnectionStore newStore(Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(now::get);
    }

    @Test
    void put_thenGet_returnsTheConnection() {
        Connection connection = connection("c1", ALICE, T0.plusMillis(123));

        store.put(connection);

        assertThat(store.get(connection.connectionId())).contains(connection);
    }

    @Test
    void put_withoutSourceIpAndUserAgent_keepsThemNull() {
        Connection connection = new Connection(ConnectionId.of("c1"), ALICE, T0, T0, null, null, EXPIRES);

        store.put(connection);

        assertThat(store.get(connection.connectionId())).contains(connection);
    }

    @Test
    void get_unknownConnection_returnsEmpty() {
        assertThat(store.get(ConnectionId.of("nobody"))).isEmpty();
    }

    @Test
    void put_sameId_replacesTheRow() {
        store.put(connection("c1", ALICE, T0));
        Connection replacement = new Connection(ConnectionId.of("c1"), BOB, T0.plusSeconds(5), T0.plusSeconds(6),
                "10.0.0.9", "other-agent", EXPIRES.plusSeconds(60));

        store.put(replacement);

        assertThat(store.get(replacement.connectionId())).contains(replacement);
        awaitList(ALICE);
        awaitList(BOB, replacement);
    }

    @Test
    void delete_existing_returnsTrueAndRemovesIt() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);

        assertThat(store.delete(connection.connectionId())).isTrue();

        assertThat(store.get(connection.connectionId())).isEmpty();
        awaitList(ALICE);
    }

    @Test
    void delete_twice_returnsFalseTheSecondTime() {
        store.put(connection("c1", ALICE, T0));
        store.delete(ConnectionId.of("c1"));

        assertThat(store.delete(ConnectionId.of("c1"))).isFalse();
    }

    @Test
    void delete_unknown_returnsFalse() {
        assertThat(store.delete(ConnectionId.of("nobody"))).isFalse();
    }

    @Test
    void touch_existing_setsLastSeenAt() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);
        Instant seen = T0.plusSeconds(30).plusMillis(7);

        assertThat(store.touch(connection.connectionId(), seen)).isTrue();

        assertThat(store.get(connection.connectionId())).contains(connection.withLastSeenAt(seen));
    }

    @Test
    void touch_withEarlierTime_keepsTheLaterLastSeenAt() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);
        store.touch(connection.connectionId(), T0.plusSeconds(30));

        assertThat(store.touch(connection.connectionId(), T0.plusSeconds(10))).isTrue();

        assertThat(store.get(connection.connectionId())).map(Connection::lastSeenAt).contains(T0.plusSeconds(30));
    }

    @Test
    void touch_afterDelete_returnsFalseAndDoesNotResurrect() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);
        store.delete(connection.connectionId());

        assertThat(store.touch(connection.connectionId(), T0.plusSeconds(30))).isFalse();

        assertThat(store.get(connection.connectionId())).isEmpty();
        awaitList(ALICE);
    }

    @Test
    void touch_unknown_returnsFalseAndCreatesNothing() {
        assertThat(store.touch(ConnectionId.of("ghost"), T0)).isFalse();

        assertThat(store.get(ConnectionId.of("ghost"))).isEmpty();
    }

    @Test
    void listByUser_returnsOldestFirst() {
        Connection second = connection("b-second", ALICE, T0.plusSeconds(2));
        Connection first = connection("z-first", ALICE, T0.plusSeconds(1));
        Connection third = connection("a-third", ALICE, T0.plusSeconds(3));
        store.put(second);
        store.put(first);
        store.put(third);

        awaitList(ALICE, first, second, third);
    }

    @Test
    void listByUser_returnsOnlyThatUsersConnections() {
        Connection alices = connection("c1", ALICE, T0);
        Connection bobs = connection("c2", BOB, T0.plusSeconds(1));
        store.put(alices);
        store.put(bobs);

        awaitList(ALICE, alices);
        awaitList(BOB, bobs);
        awaitList(UserId.of("carol"));
    }

    @Test
    void expiredConnection_isHiddenFromGetAndList() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);
        awaitList(ALICE, connection);

        now.set(EXPIRES);

        assertThat(store.get(connection.connectionId())).isEmpty();
        assertThat(store.listByUser(ALICE)).isEmpty();
    }

    @Test
    void expiredConnection_isVisibleUntilItsExpiresAt() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);

        now.set(EXPIRES.minusMillis(1));

        assertThat(store.get(connection.connectionId())).contains(connection);
        awaitList(ALICE, connection);
    }

    @Test
    void expiredConnection_cannotBeTouchedOrDeleted() {
        Connection connection = connection("c1", ALICE, T0);
        store.put(connection);
        now.set(EXPIRES.plusSeconds(1));

        assertThat(store.touch(connection.connectionId(), EXPIRES.plusSeconds(1))).isFalse();
        assertThat(store.delete(connection.connectionId())).isFalse();
    }

    @Test
    void expiresAtBetweenWholeSeconds_isKeptWithinOneSecondAndHonoured() {
        Instant expiresAt = EXPIRES.plusMillis(400);
        Connection connection = new Connection(ConnectionId.of("c1"), ALICE, T0, T0, null, null, expiresAt);
        store.put(connection);

        Instant stored = store.get(connection.connectionId()).orElseThrow().expiresAt();

        // Stores with whole-second TTL attributes may round up, never down and never by a second.
        assertThat(stored).isBetween(expiresAt, expiresAt.plusMillis(999));
        now.set(expiresAt.minusMillis(1));
        assertThat(store.get(connection.connectionId())).isPresent();
        now.set(stored);
        assertThat(store.get(connection.connectionId())).isEmpty();
    }

    private void awaitList(UserId userId, Connection... expected) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(store.listByUser(userId)).containsExactly(expected));
    }

    private static Connection connection(String id, UserId userId, Instant connectedAt) {
        return new Connection(ConnectionId.of(id), userId, connectedAt, connectedAt, "203.0.113.7",
                "Mozilla/5.0 (jobwire test)", EXPIRES);
    }
}
