package dev.jobwire.local.template;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The local values that references in a template resolve to.
 *
 * <ul>
 *   <li>{@code AWS::Region}, {@code AWS::AccountId}, {@code AWS::StackName}: {@code region},
 *       {@code accountId}, {@code stackName}; {@code AWS::Partition} is {@code aws} and
 *       {@code AWS::URLSuffix} {@code amazonaws.com};</li>
 *   <li>{@code !Ref Parameter}: {@code parameters}, else the parameter's {@code Default}; a
 *       parameter with neither stops the load;</li>
 *   <li>{@code !Ref Queue}: {@code <sqsEndpoint>/<accountId>/<queueName>}; {@code !GetAtt Queue.Arn}
 *       and {@code .QueueName} as on AWS; {@code !Ref Table}: the table name;</li>
 *   <li>an {@code https://<api>.execute-api.<region>.<suffix>} URL of the template's WebSocket or
 *       HTTP API becomes {@code <apiBase>} (so {@code MANAGEMENT_ENDPOINT} and {@code HTTP_API_URL}
 *       are {@code http://127.0.0.1:3001/local}).</li>
 * </ul>
 */
public record TemplateContext(String stackName, String region, String accountId, Map<String, String> parameters,
                              URI sqsEndpoint, URI apiBase) {
    public TemplateContext {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
        Objects.requireNonNull(apiBase, "apiBase");
    }
}
