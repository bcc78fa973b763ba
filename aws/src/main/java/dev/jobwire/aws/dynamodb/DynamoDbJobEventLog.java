package dev.jobwire.aws.dynamodb;

import static dev.jobwire.aws.dynamodb.Attributes.EXPIRES_AT;
import static dev.jobwire.aws.dynamodb.Attributes.expiry;
import static dev.jobwire.aws.dynamodb.Attributes.instant;
import static dev.jobwire.aws.dynamodb.Attributes.millis;
import static dev.jobwire.aws.dynamodb.Attributes.n;
import static dev.jobwire.aws.dynamodb.Attributes.nowSeconds;
import static dev.jobwire.aws.dynamodb.Attributes.number;
import static dev.jobwire.aws.dynamodb.Attributes.requiredString;
import static dev.jobwire.aws.dynamodb.Attributes.s;

import dev.jobwire.core.model.EventType;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.JobEventLog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A {@link JobEventLog} on a DynamoDB table keyed by ({@code jobId}, {@code seq}).
 *
 * <p>{@link #append} is one conditional {@code PutItem} on the key, so of racing writers of one
 * seq exactly one wins. Reads are strongly consistent queries in seq order. {@code expiresAt} is
 * stored in epoch seconds for TTL, rounded up; expired events are filtered from every read; their
 * seq stays taken until TTL deletes them.
 */
public final class DynamoDbJobEventLog implements JobEventLog {
    static final String JOB_ID = "jobId";
    static final String SEQ = "seq";
    static final String TYPE = "type";
    static final String BODY = "body";
    static final String AT = "at";

    // latest() first asks for one event, which is enough unless the newest ones have expired.
    private static final int LATEST_PAGE = 25;

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbJobEventLog(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean append(JobEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(Map.of(
                            JOB_ID, s(event.jobId().value()),
                            SEQ, n(event.seq()),
                            TYPE, s(event.type().wireName()),
                            BODY, s(event.body()),
                            AT, millis(event.at()),
                            EXPIRES_AT, Attributes.expiry(event.expiresAt())))
                    .conditionExpression("attribute_not_exists(#seq)")
                    .expressionAttributeNames(Map.of("#seq", SEQ)));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public List<JobEvent> read(JobId jobId, long afterSeq, int limit) {
        JobEventLog.checkRead(jobId, afterSeq, limit);
        return client.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("#job = :job AND #seq > :after")
                        .filterExpression("#expires > :nowSec")
                        .expressionAttributeNames(Map.of("#job", JOB_ID, "#seq", SEQ, "#expires", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(
                                ":job", s(jobId.value()), ":after", n(afterSeq), ":nowSec", nowSeconds(clock.now())))
                        .consistentRead(true)
                        .scanIndexForward(true)
                        .limit(limit))
                .items().stream()
                .limit(limit)
                .map(DynamoDbJobEventLog::fromItem)
                .toList();
    }

    @Override
    public Optional<JobEvent> latest(JobId jobId) {
        Objects.requireNonNull(jobId, "jobId");
        AttributeValue now = nowSeconds(clock.now());
        Map<String, AttributeValue> startKey = null;
        int pageSize = 1;
        do {
            Map<String, AttributeValue> from = startKey;
            int size = pageSize;
            QueryResponse page = client.query(b -> b.tableName(tableName)
                    .keyConditionExpression("#job = :job")
                    .filterExpression("#expires > :nowSec")
                    .expressionAttributeNames(Map.of("#job", JOB_ID, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":job", s(jobId.value()), ":nowSec", now))
                    .consistentRead(true)
                    .scanIndexForward(false)
                    .exclusiveStartKey(from)
                    .limit(size));
            if (!page.items().isEmpty()) {
                return Optional.of(fromItem(page.items().get(0)));
            }
            boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            startKey = more ? page.lastEvaluatedKey() : null;
            pageSize = LATEST_PAGE;
        } while (startKey != null);
        return Optional.empty();
    }

    private static JobEvent fromItem(Map<String, AttributeValue> item) {
        return new JobEvent(
                JobId.of(requiredString(item, JOB_ID)),
                number(item, SEQ),
                EventType.fromWireName(requiredString(item, TYPE)),
                requiredString(item, BODY),
                instant(item, AT),
                expiry(item));
    }
}
