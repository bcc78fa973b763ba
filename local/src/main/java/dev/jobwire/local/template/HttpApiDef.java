package dev.jobwire.local.template;

import java.util.Map;
import java.util.Objects;

/**
 * The template's {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: HTTP} and its routes,
 * each integrated with a function through payload format 2.0.
 *
 * @param logicalId the API's logical id
 * @param routes    by route key
 */
public record HttpApiDef(String logicalId, Map<String, HttpRouteDef> routes) {
    public HttpApiDef {
        Objects.requireNonNull(logicalId, "logicalId");
        routes = Map.copyOf(routes);
    }
}
