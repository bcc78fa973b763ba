package dev.jobwire.aws.dynamodb;

import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.core.contract.WebhookDeliveryStoreContract;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.WebhookDeliveryStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbWebhookDeliveryStoreTest extends WebhookDeliveryStoreContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Override
    protected WebhookDeliveryStore newStore(Clock clock) {
        return new DynamoDbWebhookDeliveryStore(MOTO.dynamoDb(), TestTables.createFresh(MOTO.dynamoDb()).jobs(),
                clock);
    }
}
