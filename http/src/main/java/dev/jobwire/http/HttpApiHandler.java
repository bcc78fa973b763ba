package dev.jobwire.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.core.usecase.HttpRequests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every route of the HTTP API ({@code POST /jobs}, {@code GET /jobs}, {@code GET|DELETE /jobs/{id}},
 * {@code GET /jobs/{id}/events}, {@code GET /jobs/{id}/result}), as API Gateway's payload format
 * 2.0 hands them over. The bearer token is verified by the use case, not by an API Gateway JWT
 * authorizer: those accept only tokens of an OIDC issuer with a JWKS endpoint, and jobwire's
 * tokens are HS256, the same ones {@code $connect} takes.
 */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Set<Settings.Variable> REQUIRED_SETTINGS = LambdaWiring.HTTP_API;

    private final HttpRequests requests;

    public HttpApiHandler() {
        this(LambdaWiring.fromEnvironment(REQUIRED_SETTINGS));
    }

    /** With the adapters {@code wiring} picks: how the local runtime builds the real handler. */
    public HttpApiHandler(LambdaWiring wiring) {
        this(wiring.httpRequests());
    }

    public HttpApiHandler(HttpRequests requests) {
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        HttpRequests.Response response = requests.handle(new HttpRequests.Request(event.getRouteKey(),
                orEmpty(event.getPathParameters()), orEmpty(event.getQueryStringParameters()),
                orEmpty(event.getHeaders()), body));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
