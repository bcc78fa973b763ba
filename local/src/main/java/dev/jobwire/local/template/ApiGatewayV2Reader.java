package dev.jobwire.local.template;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the template's API Gateway v2 resources: the one WebSocket API, its routes, each followed
 * through its {@code AWS_PROXY} integration to the function it invokes, and its route responses;
 * and the HTTP API, if there is one, with its routes and their payload format 2.0 integrations.
 */
final class ApiGatewayV2Reader {
    private static final String TARGET_PREFIX = "integrations/";
    private static final Pattern ROUTE_KEY = Pattern.compile("(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /\\S*");

    private final Resolver resolver;

    ApiGatewayV2Reader(Resolver resolver) {
        this.resolver = resolver;
    }

    WebSocketApiDef webSocketApi() {
        List<String> apis = resolver.webSocketApis();
        if (apis.isEmpty()) {
            throw new TemplateException(resolver.fileName() + ": no " + Resolver.API
                    + " with ProtocolType WEBSOCKET; the local runtime serves exactly one");
        }
        if (apis.size() > 1) {
            throw new TemplateException(resolver.fileName() + ": " + String.join(", ", apis) + ": several "
                    + Resolver.API + " with ProtocolType WEBSOCKET; the local runtime serves exactly one");
        }
        String api = apis.get(0);
        String selection = required(api, "RouteSelectionExpression");
        Set<String> twoWay = routesWithResponses();
        Map<String, RouteDef> routes = new LinkedHashMap<>();
        for (String route : routesOf(api)) {
            String routeKey = required(route, "RouteKey");
            RouteDef existing = routes.get(routeKey);
            if (existing != null) {
                throw resolver.fail(route, "RouteKey " + routeKey + " is already the route key of "
                        + existing.logicalId());
            }
            String function = integrationFunction(route, api);
            routes.put(routeKey, new RouteDef(route, routeKey, function, twoWay.contains(route)));
        }
        return new WebSocketApiDef(api, selection, routes);
    }

    /**
     * The one API with {@code ProtocolType: HTTP}, or null. Its routes must be open
     * ({@code AuthorizationType} NONE, as jobwire's function checks the token itself) and
     * integrated through payload format 2.0, the only format the local runtime builds.
     */
    HttpApiDef httpApi() {
        List<String> apis = resolver.httpApis();
        if (apis.isEmpty()) {
            return null;
        }
        if (apis.size() > 1) {
            throw new TemplateException(resolver.fileName() + ": " + String.join(", ", apis) + ": several "
                    + Resolver.API + " with ProtocolType HTTP; the local runtime serves at most one");
        }
        String api = apis.get(0);
        Map<String, HttpRouteDef> routes = new LinkedHashMap<>();
        for (String route : routesOf(api)) {
            String routeKey = required(route, "RouteKey");
            if (!routeKey.equals("$default") && !ROUTE_KEY.matcher(routeKey).matches()) {
                throw resolver.fail(route, "RouteKey " + routeKey + " is not METHOD /path or $default");
            }
            HttpRouteDef existing = routes.get(routeKey);
            if (existing != null) {
                throw resolver.fail(route, "RouteKey " + routeKey + " is already the route key of "
                        + existing.logicalId());
            }
            String authorization = resolver.string(resolver.property(route, "AuthorizationType"), route,
                    "AuthorizationType");
            if (authorization != null && !authorization.equals("NONE")) {
                throw resolver.fail(route, "AuthorizationType " + authorization
                        + " is not supported by the local runtime; use NONE and verify tokens in the function");
            }
            String function = integrationFunction(route, api);
            String target = resolver.string(resolver.property(route, "Target"), route, "Target");
            String integration = target.substring(TARGET_PREFIX.length());
            String format = resolver.string(resolver.property(integration, "PayloadFormatVersion"), integration,
                    "PayloadFormatVersion");
            if (!"2.0".equals(format)) {
                throw resolver.fail(integration, "PayloadFormatVersion " + (format == null ? "(unset, 1.0)" : format)
                        + " is not supported by the local runtime; it builds payload format 2.0 events");
            }
            routes.put(routeKey, new HttpRouteDef(route, routeKey, function));
        }
        return new HttpApiDef(api, routes, cors(api));
    }

    /**
     * The API's {@code CorsConfiguration}, or null. Like API Gateway, it refuses credentials with
     * the {@code *} origin, which browsers would reject anyway.
     */
    private HttpCorsDef cors(String api) {
        Map<String, Object> cors = resolver.map(resolver.property(api, "CorsConfiguration"), api, "CorsConfiguration");
        if (cors == null) {
            return null;
        }
        List<String> origins = strings(cors.get("AllowOrigins"), api, "CorsConfiguration.AllowOrigins");
        Boolean credentials = resolver.bool(cors.get("AllowCredentials"), api, "CorsConfiguration.AllowCredentials");
        if (Boolean.TRUE.equals(credentials) && origins.contains("*")) {
            throw resolver.fail(api, "CorsConfiguration", "AllowCredentials true cannot go with the AllowOrigins *");
        }
        Integer maxAge = resolver.integer(cors.get("MaxAge"), api, "CorsConfiguration.MaxAge");
        if (maxAge != null && (maxAge < -1 || maxAge > 86_400)) {
            throw resolver.fail(api, "CorsConfiguration.MaxAge", "must be between -1 and 86400, not " + maxAge);
        }
        return new HttpCorsDef(origins, strings(cors.get("AllowMethods"), api, "CorsConfiguration.AllowMethods"),
                strings(cors.get("AllowHeaders"), api, "CorsConfiguration.AllowHeaders"),
                strings(cors.get("ExposeHeaders"), api, "CorsConfiguration.ExposeHeaders"),
                maxAge == null || maxAge < 0 ? null : maxAge, Boolean.TRUE.equals(credentials));
    }

    /** A list of strings, empty when absent; blank items (an empty list parameter) are left out. */
    private List<String> strings(Object value, String where, String path) {
        List<?> items = resolver.list(value, where, path);
        List<String> out = new java.util.ArrayList<>();
        if (items != null) {
            for (Object item : items) {
                String text = resolver.string(item, where, path);
                if (text != null && !text.isBlank()) {
                    out.add(text.strip());
                }
            }
        }
        return out;
    }

    /** The routes whose {@code ApiId} is the API's id, in template order. */
    private List<String> routesOf(String api) {
        String apiId = resolver.apiId(api);
        return resolver.resources(Resolver.ROUTE).stream()
                .filter(route -> apiId.equals(required(route, "ApiId")))
                .toList();
    }

    private Set<String> routesWithResponses() {
        Set<String> routes = new HashSet<>();
        for (String response : resolver.resources(Resolver.ROUTE_RESPONSE)) {
            String route = required(response, "RouteId");
            if (!resolver.isResource(route, Resolver.ROUTE)) {
                throw resolver.fail(response, "RouteId " + route + " names no " + Resolver.ROUTE);
            }
            routes.add(route);
        }
        return routes;
    }

    /**
     * The logical id of the function that the route's {@code Target} integration invokes.
     *
     * @throws TemplateException if the route has no target, the target is not an
     *                           {@code AWS_PROXY} integration of the same API, or the integration
     *                           invokes no function of the template
     */
    String integrationFunction(String route, String api) {
        String target = resolver.string(resolver.property(route, "Target"), route, "Target");
        if (target == null) {
            throw resolver.fail(route, "Target is missing; the local runtime invokes a route's integration");
        }
        String integration = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        if (!resolver.isResource(integration, Resolver.INTEGRATION)) {
            throw resolver.fail(route, "Target " + target + " names no " + Resolver.INTEGRATION);
        }
        if (!resolver.apiId(api).equals(required(integration, "ApiId"))) {
            throw resolver.fail(integration, "ApiId names another API than " + api + ", whose route "
                    + route + " targets it");
        }
        String type = required(integration, "IntegrationType");
        if (!type.equals("AWS_PROXY")) {
            throw resolver.fail(integration, "IntegrationType " + type
                    + " is not supported by the local runtime; it runs AWS_PROXY integrations only");
        }
        String uri = required(integration, "IntegrationUri");
        String function = resolver.functionOf(uri);
        if (function == null) {
            throw resolver.fail(integration, "IntegrationUri " + uri + " names no function of the template");
        }
        return function;
    }

    private String required(String id, String property) {
        String value = resolver.string(resolver.property(id, property), id, property);
        if (value == null) {
            throw resolver.fail(id, property + " is missing");
        }
        return value;
    }
}
