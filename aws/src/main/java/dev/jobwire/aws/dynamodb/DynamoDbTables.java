package dev.jobwire.aws.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The three tables of jobwire, exactly as {@code template.yaml} declares them: keys, the
 * {@value #BY_USER} index, on-demand billing and TTL on {@value #TTL_ATTRIBUTE} (epoch seconds).
 *
 * <p>{@link #createIfMissing} is for tests and for the local runtime pointed at a
 * DynamoDB-compatible endpoint; on AWS the tables come from the template.
 */
public final class DynamoDbTables {
    /** The secondary index of Connections and Jobs, keyed by user and creation time. */
    public static final String BY_USER = "byUser";
    public static final String TTL_ATTRIBUTE = Attributes.EXPIRES_AT;

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);

    private DynamoDbTables() {
    }

    /** The physical names of the three tables. */
    public record Names(String connections, String jobs, String jobEvents) {
        public Names {
            requireName("connections", connections);
            requireName("jobs", jobs);
            requireName("jobEvents", jobEvents);
        }

        private static void requireName(String table, String name) {
            Objects.requireNonNull(name, table + " table name");
            if (!name.matches("[A-Za-z0-9_.-]{3,255}")) {
                throw new IllegalArgumentException("not a valid DynamoDB table name for " + table + ": '" + name + "'");
            }
        }
    }

    /** Connections: key {@code connectionId}; index on ({@code userId}, {@code connectedAt}). */
    public static CreateTableRequest connectionsTable(String tableName) {
        return byUserTable(tableName, DynamoDbConnectionStore.CONNECTION_ID, DynamoDbConnectionStore.USER_ID,
                DynamoDbConnectionStore.CONNECTED_AT);
    }

    /** Jobs: key {@code jobId}; index on ({@code userId}, {@code createdAt}). */
    public static CreateTableRequest jobsTable(String tableName) {
        return byUserTable(tableName, DynamoDbJobStore.JOB_ID, DynamoDbJobStore.USER_ID, DynamoDbJobStore.CREATED_AT);
    }

    /** JobEvents: key ({@code jobId}, {@code seq}). */
    public static CreateTableRequest jobEventsTable(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(DynamoDbJobEventLog.JOB_ID, ScalarAttributeType.S),
                        attribute(DynamoDbJobEventLog.SEQ, ScalarAttributeType.N))
                .keySchema(key(DynamoDbJobEventLog.JOB_ID, KeyType.HASH), key(DynamoDbJobEventLog.SEQ, KeyType.RANGE))
                .build();
    }

    /**
     * Creates each of the tables that does not exist yet, waits until it is active and turns on
     * TTL. A table that exists already is left as it is, after checking that its key schema and
     * index are the ones the stores need.
     *
     * @throws IllegalStateException if an existing table has a different key schema or lacks the index
     */
    public static void createIfMissing(DynamoDbClient client, Names names) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(names, "names");
        createIfMissing(client, connectionsTable(names.connections()));
        createIfMissing(client, jobsTable(names.jobs()));
        createIfMissing(client, jobEventsTable(names.jobEvents()));
    }

    private static void createIfMissing(DynamoDbClient client, CreateTableRequest definition) {
        String name = definition.tableName();
        TableDescription existing = describe(client, name);
        if (existing != null) {
            requireSameShape(definition, existing);
            return;
        }
        boolean createdHere;
        try {
            client.createTable(definition);
            createdHere = true;
        } catch (ResourceInUseException raced) {
            // Another process created it between our describe and create; it also turns on TTL.
            createdHere = false;
        }
        TableDescription active;
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofSeconds(1)))
                        .waitTimeout(CREATE_TIMEOUT)
                        .maxAttempts(Integer.MAX_VALUE)
                        .build())
                .build()) {
            active = waiter.waitUntilTableExists(b -> b.tableName(name)).matched().response()
                    .orElseThrow(() -> new IllegalStateException("table " + name + " did not become active"))
                    .table();
        }
        requireSameShape(definition, active);
        if (createdHere) {
            client.updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(ttl -> ttl.attributeName(TTL_ATTRIBUTE).enabled(true)));
        }
    }

    private static TableDescription describe(DynamoDbClient client, String name) {
        try {
            return client.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException missing) {
            return null;
        }
    }

    private static void requireSameShape(CreateTableRequest definition, TableDescription actual) {
        String name = definition.tableName();
        if (!definition.keySchema().equals(actual.keySchema())) {
            throw new IllegalStateException("table " + name + " has key schema " + actual.keySchema()
                    + " but jobwire needs " + definition.keySchema());
        }
        for (GlobalSecondaryIndex index : definition.globalSecondaryIndexes()) {
            List<KeySchemaElement> actualKeys = actual.globalSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(index.indexName()))
                    .map(GlobalSecondaryIndexDescription::keySchema)
                    .findFirst()
                    .orElse(null);
            if (!index.keySchema().equals(actualKeys)) {
                throw new IllegalStateException("table " + name + " needs index " + index.indexName() + " on "
                        + index.keySchema() + " but has " + (actualKeys == null ? "no such index" : actualKeys));
            }
        }
    }

    private static CreateTableRequest byUserTable(String tableName, String keyName, String userName, String timeName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(keyName, ScalarAttributeType.S),
                        attribute(userName, ScalarAttributeType.S),
                        attribute(timeName, ScalarAttributeType.N))
                .keySchema(key(keyName, KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(BY_USER)
                        .keySchema(key(userName, KeyType.HASH), key(timeName, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
