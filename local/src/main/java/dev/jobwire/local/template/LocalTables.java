package dev.jobwire.local.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates a template's tables on a DynamoDB-compatible endpoint, for the local runtime run with
 * {@code --dynamodb-endpoint}: the table is created from its resolved {@code Properties}
 * ({@code AttributeDefinitions}, {@code KeySchema}, {@code GlobalSecondaryIndexes},
 * {@code LocalSecondaryIndexes}, {@code BillingMode} with {@code ProvisionedThroughput},
 * {@code StreamSpecification}), and {@code TimeToLiveSpecification} is applied. Properties that
 * only matter on AWS (encryption, point-in-time recovery, tags) are left out.
 */
public final class LocalTables {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private LocalTables() {
    }

    /**
     * Creates the table unless it exists, waits until it is ACTIVE and turns its TTL on when the
     * template enables it. Idempotent: an existing table with the template's key schema is kept as
     * it is (only a TTL the template enables and the table lacks is turned on).
     *
     * @throws IllegalStateException    if a table of that name exists with another key schema
     * @throws IllegalArgumentException if the table's properties cannot describe a table
     */
    public static void createIfMissing(DynamoDbClient client, TableDef table) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(table, "table");
        CreateTableRequest request = createTableRequest(table);
        if (describe(client, table.tableName()) == null) {
            try {
                client.createTable(request);
            } catch (ResourceInUseException raced) {
                // Someone else created it since we looked; waiting for it to be active is all that is left.
            }
        }
        TableDescription active = awaitActive(client, table.tableName());
        if (!request.keySchema().equals(active.keySchema())) {
            throw new IllegalStateException("table " + table.tableName() + " exists with key schema "
                    + active.keySchema() + " but " + table.logicalId() + " declares " + request.keySchema());
        }
        String ttlAttribute = timeToLiveAttribute(table);
        if (ttlAttribute != null) {
            TimeToLiveStatus status = client.describeTimeToLive(b -> b.tableName(table.tableName()))
                    .timeToLiveDescription().timeToLiveStatus();
            if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
                client.updateTimeToLive(b -> b.tableName(table.tableName())
                        .timeToLiveSpecification(ttl -> ttl.attributeName(ttlAttribute).enabled(true)));
            }
        }
    }

    /**
     * The CreateTable request for the table.
     *
     * @throws IllegalArgumentException naming the logical id and property, if a property is missing
     *                                  or malformed
     */
    static CreateTableRequest createTableRequest(TableDef table) {
        Properties properties = new Properties(table.logicalId(), table.properties());
        String billing = properties.text("BillingMode", BillingMode.PROVISIONED.toString());
        boolean provisioned = billing.equals(BillingMode.PROVISIONED.toString());
        if (!provisioned && !billing.equals(BillingMode.PAY_PER_REQUEST.toString())) {
            throw properties.fail("BillingMode", "must be PROVISIONED or PAY_PER_REQUEST, not " + billing);
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .billingMode(billing)
                .attributeDefinitions(attributeDefinitions(properties))
                .keySchema(keySchema(properties, "KeySchema"));
        if (provisioned) {
            request.provisionedThroughput(throughput(properties, "ProvisionedThroughput"));
        }
        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (Properties index : properties.mappings("GlobalSecondaryIndexes")) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(index.text("IndexName", null))
                    .keySchema(keySchema(index, "KeySchema"))
                    .projection(projection(index));
            if (provisioned) {
                gsi.provisionedThroughput(throughput(index, "ProvisionedThroughput"));
            }
            globalIndexes.add(gsi.build());
        }
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (Properties index : properties.mappings("LocalSecondaryIndexes")) {
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(index.text("IndexName", null))
                    .keySchema(keySchema(index, "KeySchema"))
                    .projection(projection(index))
                    .build());
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        Properties stream = properties.mapping("StreamSpecification");
        if (stream != null) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(stream.text("StreamViewType", null))
                    .build());
        }
        // Read here too, so that a malformed TimeToLiveSpecification fails when the template loads.
        timeToLiveAttribute(table);
        return request.build();
    }

    /** The TTL attribute when {@code TimeToLiveSpecification} enables it, else null. */
    static String timeToLiveAttribute(TableDef table) {
        Properties ttl = new Properties(table.logicalId(), table.properties()).mapping("TimeToLiveSpecification");
        if (ttl == null || !ttl.text("Enabled", "false").equalsIgnoreCase("true")) {
            return null;
        }
        return ttl.text("AttributeName", null);
    }

    private static List<AttributeDefinition> attributeDefinitions(Properties properties) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (Properties definition : properties.mappings("AttributeDefinitions")) {
            definitions.add(AttributeDefinition.builder()
                    .attributeName(definition.text("AttributeName", null))
                    .attributeType(definition.text("AttributeType", null))
                    .build());
        }
        if (definitions.isEmpty()) {
            throw properties.fail("AttributeDefinitions", "is missing");
        }
        return definitions;
    }

    private static List<KeySchemaElement> keySchema(Properties owner, String key) {
        List<KeySchemaElement> elements = new ArrayList<>();
        for (Properties element : owner.mappings(key)) {
            elements.add(KeySchemaElement.builder()
                    .attributeName(element.text("AttributeName", null))
                    .keyType(element.text("KeyType", null))
                    .build());
        }
        if (elements.isEmpty()) {
            throw owner.fail(key, "is missing");
        }
        return elements;
    }

    private static Projection projection(Properties index) {
        Properties projection = index.mapping("Projection");
        if (projection == null) {
            throw index.fail("Projection", "is missing");
        }
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.text("ProjectionType", "KEYS_ONLY"));
        List<String> nonKey = projection.texts("NonKeyAttributes");
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Properties owner, String key) {
        Properties throughput = owner.mapping(key);
        if (throughput == null) {
            throw owner.fail(key, "is missing, and BillingMode PROVISIONED needs it");
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.number("ReadCapacityUnits"))
                .writeCapacityUnits(throughput.number("WriteCapacityUnits"))
                .build();
    }

    private static TableDescription describe(DynamoDbClient client, String name) {
        try {
            return client.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException missing) {
            return null;
        }
    }

    private static TableDescription awaitActive(DynamoDbClient client, String name) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL_INTERVAL))
                        .waitTimeout(ACTIVE_TIMEOUT)
                        .maxAttempts(Integer.MAX_VALUE)
                        .build())
                .build()) {
            return waiter.waitUntilTableExists(b -> b.tableName(name)).matched().response()
                    .orElseThrow(() -> new IllegalStateException("table " + name + " did not become active"))
                    .table();
        }
    }

    /** Resolved properties at some path of a table, read with errors that name that path. */
    private record Properties(String logicalId, String prefix, Map<?, ?> values) {

        Properties(String logicalId, Map<?, ?> values) {
            this(logicalId, "", values);
        }

        String text(String key, String fallback) {
            Object value = values.get(key);
            if (value == null) {
                if (fallback == null) {
                    throw fail(key, "is missing");
                }
                return fallback;
            }
            String text = Values.scalar(value);
            if (text == null) {
                throw fail(key, "must be a string");
            }
            return text;
        }

        long number(String key) {
            String text = text(key, null);
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw fail(key, "must be a whole number, not '" + text + "'");
            }
        }

        List<String> texts(String key) {
            Object value = values.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw fail(key, "must be a list");
            }
            List<String> texts = new ArrayList<>();
            for (Object item : list) {
                String text = Values.scalar(item);
                if (text == null) {
                    throw fail(key, "must be a list of strings");
                }
                texts.add(text);
            }
            return texts;
        }

        Properties mapping(String key) {
            Object value = values.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw fail(key, "must be a mapping");
            }
            return new Properties(logicalId, prefix + key + ".", map);
        }

        List<Properties> mappings(String key) {
            Object value = values.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw fail(key, "must be a list");
            }
            List<Properties> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> map)) {
                    throw fail(key + "[" + i + "]", "must be a mapping");
                }
                items.add(new Properties(logicalId, prefix + key + "[" + i + "].", map));
            }
            return items;
        }

        IllegalArgumentException fail(String key, String detail) {
            return new IllegalArgumentException(logicalId + ": " + prefix + key + " " + detail);
        }
    }
}
