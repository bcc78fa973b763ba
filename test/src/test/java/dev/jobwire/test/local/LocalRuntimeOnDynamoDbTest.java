package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.aws.testing.MotoServer;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same end-to-end run with the tables on a DynamoDB-compatible server (moto_server). */
class LocalRuntimeOnDynamoDbTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void demoSleep_endToEnd_withTablesCreatedFromTheTemplate() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0)
                .withTemplate(Templates.REAL).withDynamoDbEndpoint(MOTO.endpoint()), line -> { })) {
            assertThat(MOTO.dynamoDb().listTables().tableNames())
                    .contains("jobwire-local-ConnectionsTable", "jobwire-local-JobsTable", "jobwire-local-JobEventsTable");

            WsClient client = WsClient.open(runtime.webSocketUrl(), runtime.devToken("olga"));
            client.sendJson("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":3,\"delayMs\":10}}");
            String jobId = client.awaitType("accepted").get("jobId").getAsString();
            client.awaitType("succeeded");

            List<JsonObject> events = client.json().stream().filter(f -> f.has("seq")).toList();
            assertThat(events).extracting(f -> f.get("seq").getAsLong()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(events).allSatisfy(f -> assertThat(f.get("jobId").getAsString()).isEqualTo(jobId));
            assertThat(DevApi.connectionIds(runtime, "olga")).hasSize(1);
            client.closeBlocking();
        }
    }
}
