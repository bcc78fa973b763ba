package dev.jobwire.local.template;

import java.util.Map;
import java.util.Objects;

/**
 * One {@code AWS::DynamoDB::Table}.
 *
 * @param logicalId  the table's logical id
 * @param tableName  {@code TableName}, or {@code <stack>-<logicalId>} when the template leaves it to CloudFormation
 * @param properties the resource's {@code Properties}, intrinsics resolved (key schema, attribute
 *                   definitions, indexes, TTL), from which the table is created on a DynamoDB endpoint
 */
public record TableDef(String logicalId, String tableName, Map<String, Object> properties) {
    public TableDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(tableName, "tableName");
        properties = Map.copyOf(properties);
    }
}
