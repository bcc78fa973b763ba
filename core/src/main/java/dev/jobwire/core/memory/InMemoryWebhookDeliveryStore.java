package dev.jobwire.core.memory;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.WebhookDeliveryStore;
import dev.jobwire.core.webhook.WebhookDelivery;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link WebhookDeliveryStore} held in memory, for tests and the local runtime. Thread-safe. */
public final class InMemoryWebhookDeliveryStore implements WebhookDeliveryStore {
    private final Map<JobId, WebhookDelivery> deliveries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryWebhookDeliveryStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<WebhookDelivery> get(JobId jobId) {
        return Optional.ofNullable(live(deliveries.get(jobId)));
    }

    @Override
    public boolean put(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        boolean[] written = {false};
        deliveries.compute(delivery.jobId(), (id, current) -> {
            WebhookDelivery live = live(current);
            long stored = live == null ? 0 : live.version();
            if (stored == delivery.version() - 1) {
                written[0] = true;
                return delivery;
            }
            return current;
        });
        return written[0];
    }

    private WebhookDelivery live(WebhookDelivery delivery) {
        return delivery == null || !delivery.expiresAt().isAfter(clock.now()) ? null : delivery;
    }
}
