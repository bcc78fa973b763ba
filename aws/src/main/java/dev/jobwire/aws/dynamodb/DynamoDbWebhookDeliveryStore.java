package dev.jobwire.aws.dynamodb;

import static dev.jobwire.aws.dynamodb.Attributes.EXPIRES_AT;
import static dev.jobwire.aws.dynamodb.Attributes.expiry;
import static dev.jobwire.aws.dynamodb.Attributes.instant;
import static dev.jobwire.aws.dynamodb.Attributes.isLive;
import static dev.jobwire.aws.dynamodb.Attributes.millis;
import static dev.jobwire.aws.dynamodb.Attributes.n;
import static dev.jobwire.aws.dynamodb.Attributes.nowSeconds;
import static dev.jobwire.aws.dynamodb.Attributes.number;
import static dev.jobwire.aws.dynamodb.Attributes.putIfNotNull;
import static dev.jobwire.aws.dynamodb.Attributes.requiredString;
import static dev.jobwire.aws.dynamodb.Attributes.s;
import static dev.jobwire.aws.dynamodb.Attributes.string;

import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.WebhookDeliveryStore;
import dev.jobwire.core.webhook.WebhookDelivery;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A {@link WebhookDeliveryStore} in the jobs table: each job's delivery record is an item keyed
 * {@code webhook#<jobId>} beside the job's row (outside the {@code byUser} index, expiring with the
 * job). {@link #put} is one conditional {@code PutItem} on {@code version}.
 */
public final class DynamoDbWebhookDeliveryStore implements WebhookDeliveryStore {
    static final String PREFIX = "webhook#";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbWebhookDeliveryStore(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<WebhookDelivery> get(JobId jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(Map.of(DynamoDbJobStore.JOB_ID, s(PREFIX + jobId.value())))).item();
        if (item == null || item.isEmpty() || !isLive(item, clock.now())) {
            return Optional.empty();
        }
        return Optional.of(fromItem(jobId, item));
    }

    @Override
    public boolean put(WebhookDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbJobStore.JOB_ID, s(PREFIX + delivery.jobId().value()));
        item.put("eventId", s(delivery.eventId()));
        item.put("seq", n(delivery.seq()));
        item.put("status", s(delivery.status().name()));
        item.put("attempts", n(delivery.attempts()));
        if (delivery.attemptStartedAt() != null) {
            item.put("attemptStartedAt", millis(delivery.attemptStartedAt()));
        }
        item.put("attemptEnded", AttributeValue.fromBool(delivery.attemptEnded()));
        item.put("lastStatus", n(delivery.lastStatus()));
        putIfNotNull(item, "lastError", delivery.lastError());
        if (delivery.nextAttemptAt() != null) {
            item.put("nextAttemptAt", millis(delivery.nextAttemptAt()));
        }
        item.put("updatedAt", millis(delivery.updatedAt()));
        item.put("version", n(delivery.version()));
        item.put(EXPIRES_AT, Attributes.expiry(delivery.expiresAt()));
        try {
            if (delivery.version() == 1) {
                client.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(#id) OR #expires <= :nowSec")
                        .expressionAttributeNames(Map.of("#id", DynamoDbJobStore.JOB_ID, "#expires", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":nowSec", nowSeconds(clock.now()))));
            } else {
                client.putItem(b -> b.tableName(tableName).item(item)
                        .conditionExpression("#version = :previous AND #expires > :nowSec")
                        .expressionAttributeNames(Map.of("#version", "version", "#expires", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":previous", n(delivery.version() - 1),
                                ":nowSec", nowSeconds(clock.now()))));
            }
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static WebhookDelivery fromItem(JobId jobId, Map<String, AttributeValue> item) {
        AttributeValue ended = item.get("attemptEnded");
        return new WebhookDelivery(jobId, requiredString(item, "eventId"), number(item, "seq"),
                WebhookDelivery.Status.valueOf(requiredString(item, "status")), (int) number(item, "attempts"),
                item.containsKey("attemptStartedAt") ? instant(item, "attemptStartedAt") : null,
                ended != null && Boolean.TRUE.equals(ended.bool()), (int) number(item, "lastStatus"),
                string(item, "lastError"),
                item.containsKey("nextAttemptAt") ? instant(item, "nextAttemptAt") : null,
                instant(item, "updatedAt"), number(item, "version"), expiry(item));
    }
}
