package dev.jobwire.aws.dynamodb;

import static dev.jobwire.aws.dynamodb.Attributes.EXPIRES_AT;
import static dev.jobwire.aws.dynamodb.Attributes.isLive;
import static dev.jobwire.aws.dynamodb.Attributes.s;
import static dev.jobwire.aws.dynamodb.Attributes.string;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ResultStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link ResultStore} in the jobs table: each result is an item of its own keyed
 * {@code result#<jobId>} beside the job's row, so that polling the row never reads the result.
 * The item has no {@code userId}, so it stays out of the {@code byUser} index, and it expires
 * with the job. DynamoDB's item limit is 400 KB (names and values together);
 * {@link ResultStore#MAX_RESULT_BYTES} leaves room for the key and the other attributes.
 */
public final class DynamoDbResultStore implements ResultStore {
    static final String PREFIX = "result#";
    static final String RESULT = "result";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbResultStore(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(JobId jobId, String resultJson, Instant expiresAt) {
        Objects.requireNonNull(jobId, "jobId");
        String json = JsonText.requireValue("result", resultJson);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_RESULT_BYTES) {
            throw new IllegalArgumentException("result is larger than " + MAX_RESULT_BYTES + " bytes");
        }
        client.putItem(b -> b.tableName(tableName).item(Map.of(
                DynamoDbJobStore.JOB_ID, s(PREFIX + jobId.value()),
                RESULT, s(json),
                EXPIRES_AT, Attributes.expiry(expiresAt))));
    }

    @Override
    public Optional<String> get(JobId jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(Map.of(DynamoDbJobStore.JOB_ID, s(PREFIX + jobId.value())))).item();
        if (item == null || item.isEmpty() || !isLive(item, clock.now())) {
            return Optional.empty();
        }
        return Optional.ofNullable(string(item, RESULT));
    }
}
