package dev.jobwire.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.core.contract.ResultStoreContract;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ResultStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbResultStoreTest extends ResultStoreContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Override
    protected ResultStore newStore(Clock clock) {
        return new DynamoDbResultStore(MOTO.dynamoDb(), TestTables.createFresh(MOTO.dynamoDb()).jobs(), clock);
    }

    @Test
    void put_writesAnItemBesideTheJobRows_outsideTheUserIndex() {
        String jobs = TestTables.createFresh(MOTO.dynamoDb()).jobs();
        new DynamoDbResultStore(MOTO.dynamoDb(), jobs, Clock.system())
                .put(JobId.of("j1"), "[1]", Instant.parse("2099-01-01T00:00:00Z"));

        Map<String, AttributeValue> item = MOTO.dynamoDb().getItem(b -> b.tableName(jobs)
                .key(Map.of("jobId", AttributeValue.fromS("result#j1")))).item();

        assertThat(item).containsOnlyKeys("jobId", "result", "expiresAt");
    }
}
