package dev.jobwire.aws.dynamodb;

import static dev.jobwire.aws.dynamodb.Attributes.EXPIRES_AT;
import static dev.jobwire.aws.dynamodb.Attributes.expiry;
import static dev.jobwire.aws.dynamodb.Attributes.instant;
import static dev.jobwire.aws.dynamodb.Attributes.isLive;
import static dev.jobwire.aws.dynamodb.Attributes.millis;
import static dev.jobwire.aws.dynamodb.Attributes.nowSeconds;
import static dev.jobwire.aws.dynamodb.Attributes.putIfNotNull;
import static dev.jobwire.aws.dynamodb.Attributes.requiredString;
import static dev.jobwire.aws.dynamodb.Attributes.s;
import static dev.jobwire.aws.dynamodb.Attributes.string;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A {@link ConnectionStore} on a DynamoDB table keyed by {@code connectionId}, listed through the
 * {@code byUser} index ({@code userId}, {@code connectedAt}).
 *
 * <p>{@link #get} is a strongly consistent read; {@link #listByUser} queries the index and is
 * eventually consistent, as the port allows. {@link #touch} is one conditional update that never
 * recreates a deleted connection and never moves {@code lastSeenAt} backwards. {@code expiresAt}
 * is stored in epoch seconds for TTL, rounded up; rows past it are filtered from every read and
 * treated as absent by every conditional write, whether or not TTL has deleted them yet.
 */
public final class DynamoDbConnectionStore implements ConnectionStore {
    static final String CONNECTION_ID = "connectionId";
    static final String USER_ID = "userId";
    static final String CONNECTED_AT = "connectedAt";
    static final String LAST_SEEN_AT = "lastSeenAt";
    static final String SOURCE_IP = "sourceIp";
    static final String USER_AGENT = "userAgent";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbConnectionStore(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        client.putItem(b -> b.tableName(tableName).item(toItem(connection)));
    }

    @Override
    public Optional<Connection> get(ConnectionId connectionId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(key(connectionId))
                .consistentRead(true)).item();
        return item.isEmpty() || !isLive(item, clock.now()) ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean delete(ConnectionId connectionId) {
        Map<String, AttributeValue> old = client.deleteItem(b -> b.tableName(tableName)
                .key(key(connectionId))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return !old.isEmpty() && isLive(old, clock.now());
    }

    @Override
    public List<Connection> listByUser(UserId userId) {
        Objects.requireNonNull(userId, "userId");
        return client.queryPaginator(b -> b.tableName(tableName)
                        .indexName(DynamoDbTables.BY_USER)
                        .keyConditionExpression("#user = :user")
                        .filterExpression("#expires > :now")
                        .expressionAttributeNames(Map.of("#user", USER_ID, "#expires", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":user", s(userId.value()), ":now", nowSeconds(clock.now())))
                        .scanIndexForward(true))
                .items().stream()
                .map(DynamoDbConnectionStore::fromItem)
                .toList();
    }

    /**
     * Every row not yet past its {@code expiresAt}, by a paginated Scan: for operators' tools that
     * list the table, never for a request path.
     */
    public List<Connection> scanAll() {
        long nowSeconds = clock.now().getEpochSecond();
        java.util.ArrayList<Connection> all = new java.util.ArrayList<>();
        client.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items().forEach(item -> {
            Connection connection = fromItem(item);
            if (connection.expiresAt().getEpochSecond() > nowSeconds) {
                all.add(connection);
            }
        });
        all.sort(java.util.Comparator.comparing(Connection::connectedAt));
        return all;
    }

    @Override
    public boolean touch(ConnectionId connectionId, Instant lastSeenAt) {
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Instant now = clock.now();
        try {
            client.updateItem(b -> b.tableName(tableName)
                    .key(key(connectionId))
                    .updateExpression("SET #seen = :seen")
                    .conditionExpression("attribute_exists(#id) AND #expires > :now AND #seen <= :seen")
                    .expressionAttributeNames(Map.of(
                            "#id", CONNECTION_ID, "#seen", LAST_SEEN_AT, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":seen", millis(lastSeenAt), ":now", nowSeconds(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            // Refused either because the row is gone or expired, or because a later touch won;
            // only the latter means the connection exists.
            Map<String, AttributeValue> current = refused.hasItem() ? refused.item() : readConsistently(connectionId);
            return !current.isEmpty() && isLive(current, now);
        }
    }

    private Map<String, AttributeValue> readConsistently(ConnectionId connectionId) {
        return client.getItem(b -> b.tableName(tableName).key(key(connectionId)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(ConnectionId connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        return Map.of(CONNECTION_ID, s(connectionId.value()));
    }

    private static Map<String, AttributeValue> toItem(Connection connection) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONNECTION_ID, s(connection.connectionId().value()));
        item.put(USER_ID, s(connection.userId().value()));
        item.put(CONNECTED_AT, millis(connection.connectedAt()));
        item.put(LAST_SEEN_AT, millis(connection.lastSeenAt()));
        putIfNotNull(item, SOURCE_IP, connection.sourceIp());
        putIfNotNull(item, USER_AGENT, connection.userAgent());
        item.put(EXPIRES_AT, Attributes.expiry(connection.expiresAt()));
        return item;
    }

    private static Connection fromItem(Map<String, AttributeValue> item) {
        return new Connection(
                ConnectionId.of(requiredString(item, CONNECTION_ID)),
                UserId.of(requiredString(item, USER_ID)),
                instant(item, CONNECTED_AT),
                instant(item, LAST_SEEN_AT),
                string(item, SOURCE_IP),
                string(item, USER_AGENT),
                expiry(item));
    }
}
