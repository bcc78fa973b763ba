package dev.jobwire.cli.connections;

import dev.jobwire.cli.CliFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A deployed stack's Connections table: a Query of the {@code byUser} index for one user, else a
 * paginated Scan of the whole table. A Scan reads every row, which is fine for an operator's tool
 * and never done on a request path. Attributes as the stack writes them: {@code connectedAt} and
 * {@code lastSeenAt} in epoch milliseconds, {@code expiresAt} in epoch seconds (TTL).
 */
public final class DynamoDbConnectionListing implements ConnectionListing {
    static final String BY_USER = "byUser";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbConnectionListing(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public List<ConnectionEntry> list(String userId) {
        List<ConnectionEntry> entries = new ArrayList<>();
        try {
            Iterable<Map<String, AttributeValue>> items = userId == null
                    ? client.scanPaginator(b -> b.tableName(tableName)).items()
                    : client.queryPaginator(b -> b.tableName(tableName)
                            .indexName(BY_USER)
                            .keyConditionExpression("#user = :user")
                            .expressionAttributeNames(Map.of("#user", "userId"))
                            .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId))))
                    .items();
            for (Map<String, AttributeValue> item : items) {
                ConnectionEntry entry = fromItem(item);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (ResourceNotFoundException e) {
            throw CliFailure.usage("no table (or index " + BY_USER + ") named " + tableName + " in this region");
        } catch (DynamoDbException e) {
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw CliFailure.connection("DynamoDB refused to read " + tableName + ": " + message);
        } catch (SdkClientException e) {
            throw CliFailure.connection("could not read " + tableName + ": " + firstLine(e.getMessage()));
        }
        return entries;
    }

    @Override
    public String source() {
        return "DynamoDB table " + tableName;
    }

    /** One item as a row, or null when it lacks the key attributes (it is not a connection). */
    static ConnectionEntry fromItem(Map<String, AttributeValue> item) {
        String id = string(item, "connectionId");
        String user = string(item, "userId");
        Long connectedAt = number(item, "connectedAt");
        if (id == null || user == null || connectedAt == null) {
            return null;
        }
        Long lastSeenAt = number(item, "lastSeenAt");
        Long expiresAt = number(item, "expiresAt");
        return new ConnectionEntry(id, user, Instant.ofEpochMilli(connectedAt),
                lastSeenAt == null ? null : Instant.ofEpochMilli(lastSeenAt),
                expiresAt == null ? null : Instant.ofEpochSecond(expiresAt),
                string(item, "sourceIp"), string(item, "userAgent"));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(value.n()).longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
