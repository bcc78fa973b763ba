package dev.jobwire.local.template;

import java.util.Objects;

/**
 * One {@code AWS::ApiGatewayV2::Route} of the HTTP API, followed through its integration to the
 * function it invokes.
 *
 * @param logicalId         the route's logical id
 * @param routeKey          {@code METHOD /path} with {@code {name}} and {@code {name+}} parameters,
 *                          {@code ANY} for every method, or {@code $default}
 * @param functionLogicalId the function the route's AWS_PROXY integration invokes
 */
public record HttpRouteDef(String logicalId, String routeKey, String functionLogicalId) {
    public HttpRouteDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
    }
}
