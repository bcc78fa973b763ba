package dev.jobwire.local.template;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP API's {@code CorsConfiguration}: with one, API Gateway answers preflight requests itself
 * and adds the CORS headers to every answer for an allowed origin, ignoring any the integration
 * returns.
 *
 * @param allowOrigins     exact origins, {@code *} for any, or {@code https://*} / {@code http://*}
 *                         for any origin of that scheme
 * @param allowMethods     methods named in a preflight answer
 * @param allowHeaders     request headers named in a preflight answer
 * @param exposeHeaders    response headers a page may read
 * @param maxAge           seconds a browser may cache a preflight answer; null for unset
 * @param allowCredentials whether requests with credentials (cookies) are allowed
 */
public record HttpCorsDef(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                          List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
    public HttpCorsDef {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        if (maxAge != null && maxAge < 0) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
    }

    /**
     * The {@code Access-Control-Allow-Origin} value for a request from {@code origin}, or null when
     * that origin is not allowed: {@code *} when any origin is (and credentials are not), else the
     * origin itself.
     */
    public String allowedOrigin(String origin) {
        if (origin == null || origin.isBlank()) {
            return null;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        for (String allowed : allowOrigins) {
            String pattern = allowed.toLowerCase(Locale.ROOT);
            if (pattern.equals("*")) {
                return allowCredentials ? origin : "*";
            }
            if (pattern.endsWith("://*") ? lower.startsWith(pattern.substring(0, pattern.length() - 1))
                    : Objects.equals(pattern, lower)) {
                return origin;
            }
        }
        return null;
    }
}
