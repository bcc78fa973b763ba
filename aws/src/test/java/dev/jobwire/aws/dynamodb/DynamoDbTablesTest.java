package dev.jobwire.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobwire.aws.testing.MotoServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbTablesTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void createIfMissing_createsTheThreeTablesWithKeysIndexAndTtl() {
        DynamoDbClient client = MOTO.dynamoDb();
        DynamoDbTables.Names names = TestTables.createFresh(client);

        assertThat(table(names.connections()).keySchema()).containsExactly(hash("connectionId"));
        assertThat(byUser(names.connections()).keySchema()).containsExactly(hash("userId"), range("connectedAt"));
        assertThat(byUser(names.connections()).projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(table(names.jobs()).keySchema()).containsExactly(hash("jobId"));
        assertThat(byUser(names.jobs()).keySchema()).containsExactly(hash("userId"), range("createdAt"));
        assertThat(byUser(names.jobs()).projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(table(names.jobEvents()).keySchema()).containsExactly(hash("jobId"), range("seq"));
        for (String name : List.of(names.connections(), names.jobs(), names.jobEvents())) {
            TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        }
    }

    @Test
    void createIfMissing_onExistingTables_changesNothing() {
        DynamoDbClient client = MOTO.dynamoDb();
        DynamoDbTables.Names names = TestTables.createFresh(client);

        DynamoDbTables.createIfMissing(client, names);

        assertThat(client.listTablesPaginator().tableNames())
                .containsOnlyOnce(names.connections(), names.jobs(), names.jobEvents());
    }

    @Test
    void createIfMissing_onTableWithAnotherKey_failsNamingTheTable() {
        DynamoDbClient client = MOTO.dynamoDb();
        String wrong = MotoServer.uniqueName("Jobs");
        client.createTable(DynamoDbTables.jobEventsTable(wrong));
        DynamoDbTables.Names names = new DynamoDbTables.Names(
                MotoServer.uniqueName("Connections"), wrong, MotoServer.uniqueName("JobEvents"));

        assertThatThrownBy(() -> DynamoDbTables.createIfMissing(client, names))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(wrong);
    }

    private static TableDescription table(String name) {
        return MOTO.dynamoDb().describeTable(b -> b.tableName(name)).table();
    }

    private static GlobalSecondaryIndexDescription byUser(String name) {
        return table(name).globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals(DynamoDbTables.BY_USER))
                .findFirst()
                .orElseThrow();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
