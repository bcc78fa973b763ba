package dev.jobwire.local.template;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The template's {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET} and its routes.
 *
 * @param logicalId                the API's logical id
 * @param routeSelectionExpression its {@code RouteSelectionExpression}, such as {@code $request.body.action}
 * @param routes                   by route key
 */
public record WebSocketApiDef(String logicalId, String routeSelectionExpression, Map<String, RouteDef> routes) {
    public WebSocketApiDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(routeSelectionExpression, "routeSelectionExpression");
        routes = Map.copyOf(routes);
    }

    public Optional<RouteDef> route(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }
}
