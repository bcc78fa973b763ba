package dev.jobwire.local.template;

import java.util.Map;
import java.util.Objects;

/**
 * The template's {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: HTTP} and its routes,
 * each integrated with a function through payload format 2.0.
 *
 * @param logicalId the API's logical id
 * @param routes    by route key
 * @param cors      its CORS configuration, or null for none
 */
public record HttpApiDef(String logicalId, Map<String, HttpRouteDef> routes, HttpCorsDef cors) {
    public HttpApiDef {
        Objects.requireNonNull(logicalId, "logicalId");
        routes = Map.copyOf(routes);
    }

    /** An API without a CORS configuration. */
    public HttpApiDef(String logicalId, Map<String, HttpRouteDef> routes) {
        this(logicalId, routes, null);
    }
}
