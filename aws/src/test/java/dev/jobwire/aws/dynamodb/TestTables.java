package dev.jobwire.aws.dynamodb;

import dev.jobwire.aws.testing.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh, uniquely named tables for one test, so tests never see each other's rows. */
final class TestTables {
    private TestTables() {
    }

    static DynamoDbTables.Names createFresh(DynamoDbClient client) {
        DynamoDbTables.Names names = new DynamoDbTables.Names(MotoServer.uniqueName("Connections"),
                MotoServer.uniqueName("Jobs"), MotoServer.uniqueName("JobEvents"));
        DynamoDbTables.createIfMissing(client, names);
        return names;
    }
}
