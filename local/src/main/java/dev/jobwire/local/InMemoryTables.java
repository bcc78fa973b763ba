package dev.jobwire.local;

import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.core.memory.InMemoryConnectionStore;
import dev.jobwire.core.memory.InMemoryJobEventLog;
import dev.jobwire.core.memory.InMemoryJobStore;
import dev.jobwire.core.memory.InMemoryResultStore;
import dev.jobwire.core.memory.InMemoryWebhookDeliveryStore;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.ResultStore;
import dev.jobwire.core.port.WebhookDeliveryStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local default for the tables: one in-memory adapter per table name, shared by every
 * function that names the table, as one DynamoDB table is shared on AWS. The adapters pass the
 * same contract tests as the DynamoDB ones. Everything is gone when the runtime stops.
 */
final class InMemoryTables implements LambdaWiring.Tables {
    private final Map<String, InMemoryConnectionStore> connections = new ConcurrentHashMap<>();
    private final Map<String, InMemoryJobStore> jobs = new ConcurrentHashMap<>();
    private final Map<String, InMemoryJobEventLog> events = new ConcurrentHashMap<>();
    private final Map<String, InMemoryResultStore> results = new ConcurrentHashMap<>();
    private final Map<String, InMemoryWebhookDeliveryStore> deliveries = new ConcurrentHashMap<>();

    @Override
    public ConnectionStore connections(String tableName, Clock clock) {
        return connections.computeIfAbsent(tableName, name -> new InMemoryConnectionStore(clock));
    }

    @Override
    public JobStore jobs(String tableName, Clock clock) {
        return jobs.computeIfAbsent(tableName, name -> new InMemoryJobStore(clock));
    }

    @Override
    public JobEventLog events(String tableName, Clock clock) {
        return events.computeIfAbsent(tableName, name -> new InMemoryJobEventLog(clock));
    }

    @Override
    public ResultStore results(String jobsTableName, Clock clock) {
        return results.computeIfAbsent(jobsTableName, name -> new InMemoryResultStore(clock));
    }

    @Override
    public WebhookDeliveryStore webhookDeliveries(String jobsTableName, Clock clock) {
        return deliveries.computeIfAbsent(jobsTableName, name -> new InMemoryWebhookDeliveryStore(clock));
    }
}
