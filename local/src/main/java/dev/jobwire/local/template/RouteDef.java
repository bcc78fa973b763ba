package dev.jobwire.local.template;

import java.util.Objects;

/**
 * One {@code AWS::ApiGatewayV2::Route} of the WebSocket API, followed through its integration to
 * the function it invokes.
 *
 * @param logicalId          the route's logical id
 * @param routeKey           {@code $connect}, {@code $disconnect}, {@code $default} or an action value
 * @param functionLogicalId  the function the route's AWS_PROXY integration invokes
 * @param twoWay             whether the route has a route response, so the function's response
 *                           body is sent back to the client
 */
public record RouteDef(String logicalId, String routeKey, String functionLogicalId, boolean twoWay) {
    public RouteDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
    }
}
