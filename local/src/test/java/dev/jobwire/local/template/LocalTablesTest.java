package dev.jobwire.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobwire.aws.testing.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class LocalTablesTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** The repository template's tables, under a stack name no other test uses. */
    private static Map<String, TableDef> repositoryTables() {
        TemplateContext context = new TemplateContext(MotoServer.uniqueName("stack"), "us-east-1", "000000000000",
                RepositoryTemplateTest.CONTEXT.parameters(), RepositoryTemplateTest.CONTEXT.sqsEndpoint(),
                RepositoryTemplateTest.CONTEXT.apiBase());
        return TemplateLoader.load(RepositoryTemplateTest.TEMPLATE, context).tables();
    }

    @Test
    void createIfMissing_createsTheTemplatesTablesWithKeysIndexesAndTtl() {
        DynamoDbClient client = MOTO.dynamoDb();
        Map<String, TableDef> tables = repositoryTables();

        tables.values().forEach(table -> LocalTables.createIfMissing(client, table));

        TableDescription connections = describe(tables.get("ConnectionsTable"));
        assertThat(connections.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(connections.keySchema()).containsExactly(key("connectionId", KeyType.HASH));
        assertThat(connections.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        GlobalSecondaryIndexDescription byUser = connections.globalSecondaryIndexes().get(0);
        assertThat(byUser.indexName()).isEqualTo("byUser");
        assertThat(byUser.keySchema()).containsExactly(key("userId", KeyType.HASH), key("connectedAt", KeyType.RANGE));
        assertThat(byUser.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(describe(tables.get("JobsTable")).globalSecondaryIndexes().get(0).keySchema())
                .containsExactly(key("userId", KeyType.HASH), key("createdAt", KeyType.RANGE));
        assertThat(describe(tables.get("JobEventsTable")).keySchema())
                .containsExactly(key("jobId", KeyType.HASH), key("seq", KeyType.RANGE));
        assertThat(describe(tables.get("JobEventsTable")).globalSecondaryIndexes()).isEmpty();
        for (TableDef table : tables.values()) {
            TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(table.tableName()))
                    .timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        }
    }

    @Test
    void createIfMissing_onAnExistingTable_keepsItAndItsItems() {
        DynamoDbClient client = MOTO.dynamoDb();
        TableDef jobs = repositoryTables().get("JobsTable");
        LocalTables.createIfMissing(client, jobs);
        client.putItem(b -> b.tableName(jobs.tableName())
                .item(Map.of("jobId", AttributeValue.fromS("j1"))));

        LocalTables.createIfMissing(client, jobs);

        assertThat(client.listTablesPaginator().tableNames()).containsOnlyOnce(jobs.tableName());
        assertThat(client.scan(b -> b.tableName(jobs.tableName())).count()).isEqualTo(1);
    }

    @Test
    void createIfMissing_onAnExistingTableWithoutTtl_turnsTtlOn() {
        DynamoDbClient client = MOTO.dynamoDb();
        TableDef events = repositoryTables().get("JobEventsTable");
        client.createTable(LocalTables.createTableRequest(events));

        LocalTables.createIfMissing(client, events);

        assertThat(client.describeTimeToLive(b -> b.tableName(events.tableName())).timeToLiveDescription()
                .timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    void createIfMissing_onATableWithAnotherKey_failsNamingTheTable() {
        DynamoDbClient client = MOTO.dynamoDb();
        TableDef events = repositoryTables().get("JobEventsTable");
        TableDef jobs = new TableDef("JobsTable", events.tableName(), repositoryTables().get("JobsTable").properties());
        LocalTables.createIfMissing(client, events);

        assertThatThrownBy(() -> LocalTables.createIfMissing(client, jobs))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("table " + events.tableName() + " exists with key schema")
                .hasMessageContaining("JobsTable declares");
    }

    @Test
    void createIfMissing_withProvisionedThroughputAndNoTtl_createsAProvisionedTable() {
        DynamoDbClient client = MOTO.dynamoDb();
        TableDef table = new TableDef("Plain", MotoServer.uniqueName("Plain"), Map.of(
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "ProvisionedThroughput", Map.of("ReadCapacityUnits", 5, "WriteCapacityUnits", "2")));

        LocalTables.createIfMissing(client, table);

        TableDescription description = describe(table);
        assertThat(description.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(description.provisionedThroughput().writeCapacityUnits()).isEqualTo(2L);
        assertThat(client.describeTimeToLive(b -> b.tableName(table.tableName())).timeToLiveDescription()
                .timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    private static TableDescription describe(TableDef table) {
        return MOTO.dynamoDb().describeTable(b -> b.tableName(table.tableName())).table();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
