package dev.jobwire.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.core.contract.JobEventLogContract;
import dev.jobwire.core.model.EventType;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbJobEventLogTest extends JobEventLogContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Override
    protected JobEventLog newLog(Clock clock) {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        return new DynamoDbJobEventLog(MOTO.dynamoDb(), names.jobEvents(), clock);
    }

    @Test
    void append_writesTheItemLayoutTheTemplateDeclares() {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        Instant at = Instant.parse("2026-03-01T10:00:00.500Z");
        new DynamoDbJobEventLog(MOTO.dynamoDb(), names.jobEvents(), () -> at)
                .append(new JobEvent(JobId.of("j1"), 7, EventType.SUCCEEDED, "{\"result\":1}", at,
                        Instant.parse("2026-03-08T10:00:00Z")));

        Map<String, AttributeValue> item = MOTO.dynamoDb().getItem(b -> b.tableName(names.jobEvents())
                .key(Map.of("jobId", AttributeValue.fromS("j1"), "seq", AttributeValue.fromN("7")))).item();

        assertThat(item).containsOnlyKeys("jobId", "seq", "type", "body", "at", "expiresAt");
        assertThat(item.get("type").s()).isEqualTo("succeeded");
        assertThat(item.get("body").s()).isEqualTo("{\"result\":1}");
        assertThat(item.get("at").n()).isEqualTo("1772359200500");
        assertThat(item.get("expiresAt").n()).isEqualTo("1772964000");
    }
}
