package dev.jobwire.core.memory;

import dev.jobwire.core.contract.WebhookDeliveryStoreContract;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.WebhookDeliveryStore;

class InMemoryWebhookDeliveryStoreTest extends WebhookDeliveryStoreContract {
    @Override
    protected WebhookDeliveryStore newStore(Clock clock) {
        return new InMemoryWebhookDeliveryStore(clock);
    }
}
