package dev.jobwire.core.contract;

import static dev.jobwire.core.contract.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.WebhookDeliveryStore;
import dev.jobwire.core.webhook.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link WebhookDeliveryStore} must have. Subclasses supply a fresh, empty store. */
public abstract class WebhookDeliveryStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final JobId JOB = JobId.of("01JOBWIRE0000000000000000W");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private WebhookDeliveryStore store;

    protected abstract WebhookDeliveryStore newStore(Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(now::get);
    }

    private static WebhookDelivery first(Instant expiresAt) {
        return new WebhookDelivery(JOB, JOB + ".4", 4, WebhookDelivery.Status.PENDING, 1, T0, false, 0, null, null,
                T0, 1, expiresAt);
    }

    @Test
    void put_ofVersionOne_createsTheRecord_andReadsBackEveryField() {
        WebhookDelivery delivery = first(T0.plus(Duration.ofDays(7)));
        assertThat(store.put(delivery)).isTrue();
        WebhookDelivery failed = delivery.endAttempt(WebhookDelivery.Status.PENDING, 503, "the receiver answered 503",
                T0.plusSeconds(10), T0.plusSeconds(1));
        assertThat(store.put(failed)).isTrue();

        assertThat(store.get(JOB)).contains(failed);
    }

    @Test
    void put_withAStaleVersion_writesNothing() {
        WebhookDelivery delivery = first(T0.plus(Duration.ofDays(7)));
        store.put(delivery);

        assertThat(store.put(delivery)).as("version 1 again").isFalse();
        assertThat(store.put(delivery.startAttempt(2, T0).startAttempt(3, T0))).as("a version skipped").isFalse();
        assertThat(store.get(JOB)).contains(delivery);
    }

    @Test
    void racingClaimsOfOneAttempt_haveExactlyOneWinner() throws Exception {
        WebhookDelivery delivery = first(T0.plus(Duration.ofDays(7)));
        store.put(delivery);
        store.put(delivery.endAttempt(WebhookDelivery.Status.PENDING, 500, "x", T0, T0));
        WebhookDelivery ended = store.get(JOB).orElseThrow();

        List<Boolean> wins = race(i -> store.put(ended.startAttempt(2, T0.plusMillis(i))));

        assertThat(wins).containsOnlyOnce(true);
    }

    @Test
    void anExpiredRecord_isAbsent_andMayBeCreatedAgain() {
        store.put(first(T0.plusSeconds(60)));
        now.set(T0.plusSeconds(61));

        assertThat(store.get(JOB)).isEmpty();
        assertThat(store.put(first(T0.plus(Duration.ofDays(7))))).isTrue();
    }
}
