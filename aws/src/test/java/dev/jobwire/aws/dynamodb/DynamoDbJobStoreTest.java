package dev.jobwire.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.core.contract.JobStoreContract;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JobStatus;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbJobStoreTest extends JobStoreContract {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.250Z");
    private static final Instant EXPIRES = Instant.parse("2026-03-08T10:00:00Z");

    @Override
    protected JobStore newStore(Clock clock) {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        return new DynamoDbJobStore(MOTO.dynamoDb(), names.jobs(), clock);
    }

    @Test
    void create_withIdempotencyKey_writesAMarkerThatStaysOutOfTheIndex() {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        new DynamoDbJobStore(MOTO.dynamoDb(), names.jobs(), () -> NOW)
                .create(Job.queued(JobId.of("j1"), UserId.of("alice"), "demo.sleep", "{}", "k-1", null, NOW, EXPIRES));

        Map<String, AttributeValue> marker = item(names.jobs(), "idem#alice#k-1");

        assertThat(marker).containsOnlyKeys("jobId", "targetJobId", "expiresAt");
        assertThat(marker.get("targetJobId").s()).isEqualTo("j1");
        assertThat(marker.get("expiresAt").n()).isEqualTo("1772964000");
        assertThat(MOTO.dynamoDb().query(b -> b.tableName(names.jobs()).indexName(DynamoDbTables.BY_USER)
                .keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("alice")))).items())
                .extracting(i -> i.get("jobId").s())
                .containsExactly("j1");
    }

    @Test
    void finish_writesTheItemLayoutTheTemplateDeclares() {
        DynamoDbTables.Names names = TestTables.createFresh(MOTO.dynamoDb());
        JobStore store = new DynamoDbJobStore(MOTO.dynamoDb(), names.jobs(), () -> NOW);
        store.create(Job.queued(JobId.of("j1"), UserId.of("alice"), "demo.fail", "{\"n\":1}", null,
                "https://example.com/hook", NOW, EXPIRES));
        store.startAttempt(JobId.of("j1"), NOW);
        store.finish(JobId.of("j1"), new Job.Completion(JobStatus.FAILED, 3, null, null,
                new JobError("boom", "it broke")), NOW.plusMillis(1));

        Map<String, AttributeValue> item = item(names.jobs(), "j1");

        assertThat(item).containsOnlyKeys("jobId", "userId", "type", "status", "input", "error", "attempts",
                "lastSeq", "percent", "createdAt", "updatedAt", "callbackUrl", "cancelRequested", "expiresAt");
        assertThat(item.get("status").s()).isEqualTo("FAILED");
        assertThat(item.get("input").s()).isEqualTo("{\"n\":1}");
        assertThat(item.get("error").m()).isEqualTo(Map.of(
                "code", AttributeValue.fromS("boom"), "message", AttributeValue.fromS("it broke")));
        assertThat(item.get("attempts").n()).isEqualTo("1");
        assertThat(item.get("lastSeq").n()).isEqualTo("3");
        assertThat(item.get("createdAt").n()).isEqualTo("1772359200250");
        assertThat(item.get("updatedAt").n()).isEqualTo("1772359200251");
        assertThat(item.get("cancelRequested").bool()).isFalse();
        assertThat(item.get("expiresAt").n()).isEqualTo("1772964000");
    }

    private static Map<String, AttributeValue> item(String table, String jobId) {
        return MOTO.dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of("jobId", AttributeValue.fromS(jobId))).consistentRead(true)).item();
    }
}
