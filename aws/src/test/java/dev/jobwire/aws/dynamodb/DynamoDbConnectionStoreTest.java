package dev.jobwire.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.core.contract.ConnectionStoreContract;
import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbConnectionStoreTest extends ConnectionStoreContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Override
    protected ConnectionStore newStore(Clock clock) {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        return new DynamoDbConnectionStore(MOTO.dynamoDb(), names.connections(), clock);
    }

    @Test
    void put_writesTheItemLayoutTheTemplateDeclares() {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        Instant connectedAt = Instant.parse("2026-03-01T10:00:00.123Z");
        new DynamoDbConnectionStore(MOTO.dynamoDb(), names.connections(), () -> connectedAt)
                .put(new Connection(ConnectionId.of("L0SM9cOFvHcCIhw="), UserId.of("alice"), connectedAt, connectedAt,
                        null, "curl/8", Instant.parse("2026-03-01T12:00:00.001Z")));

        Map<String, AttributeValue> item = MOTO.dynamoDb().getItem(b -> b.tableName(names.connections())
                .key(Map.of("connectionId", AttributeValue.fromS("L0SM9cOFvHcCIhw=")))).item();

        assertThat(item).containsOnlyKeys("connectionId", "userId", "connectedAt", "lastSeenAt", "userAgent",
                "expiresAt");
        assertThat(item.get("userId").s()).isEqualTo("alice");
        assertThat(item.get("connectedAt").n()).isEqualTo("1772359200123");
        assertThat(item.get("lastSeenAt").n()).isEqualTo("1772359200123");
        assertThat(item.get("expiresAt").n()).isEqualTo("1772366401");
    }
}
