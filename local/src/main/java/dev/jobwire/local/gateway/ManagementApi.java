package dev.jobwire.local.gateway;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The API Gateway Management API of the stage: {@code POST}, {@code GET} and {@code DELETE} on
 * {@code /{stage}/@connections/{connectionId}}, with the service's status codes and its error
 * names in {@code x-amzn-ErrorType} (what the AWS SDKs read to raise {@code GoneException},
 * {@code PayloadTooLargeException}, {@code LimitExceededException} and {@code ForbiddenException}).
 * Requests are not checked for a SigV4 signature: any credentials work locally.
 */
final class ManagementApi {
    private final WebSocketApi api;
    private final ManagementFaults faults;

    ManagementApi(WebSocketApi api, ManagementFaults faults) {
        this.api = Objects.requireNonNull(api, "api");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /** Handles {@code segments} = [stage, "@connections", id]; anything else under @connections is 403. */
    void handle(Request request, Response response, Callback callback, List<String> segments) throws Exception {
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (segments.size() != 3 || segments.get(2).isEmpty()) {
            error(response, callback, 403, "ForbiddenException", "Forbidden");
            return;
        }
        String connectionId = segments.get(2);
        String method = request.getMethod();
        if (HttpMethod.POST.is(method)) {
            byte[] body = HttpExchange.body(request, WebSocketApi.MAX_MESSAGE_BYTES);
            if (body == null) {
                error(response, callback, 413, "PayloadTooLargeException", "Request entity too large");
                return;
            }
            String frame = new String(body, StandardCharsets.UTF_8);
            ManagementFaults.Fault fault = faults.nextPostFault(frame);
            if (fault != null) {
                error(response, callback, fault.status(), fault.errorType(), fault.message());
                return;
            }
            if (faults.dropNext()) {
                api.drop(connectionId);
            }
            if (api.post(connectionId, frame) == WebSocketApi.PostResult.GONE) {
                gone(response, callback);
                return;
            }
            HttpExchange.empty(response, callback, 200);
        } else if (HttpMethod.GET.is(method)) {
            var info = api.info(connectionId);
            if (info.isEmpty()) {
                gone(response, callback);
                return;
            }
            JsonObject body = new JsonObject();
            body.addProperty("connectedAt", DateTimeFormatter.ISO_INSTANT.format(info.get().connectedAt()));
            JsonObject identity = new JsonObject();
            identity.addProperty("sourceIp", info.get().sourceIp());
            identity.addProperty("userAgent", info.get().userAgent());
            body.add("identity", identity);
            body.addProperty("lastActiveAt", DateTimeFormatter.ISO_INSTANT.format(info.get().lastActiveAt()));
            HttpExchange.json(response, callback, 200, body.toString());
        } else if (HttpMethod.DELETE.is(method)) {
            if (api.delete(connectionId) == WebSocketApi.PostResult.GONE) {
                gone(response, callback);
                return;
            }
            HttpExchange.empty(response, callback, 204);
        } else {
            error(response, callback, 403, "ForbiddenException", "Forbidden");
        }
    }

    private static void gone(Response response, Callback callback) {
        error(response, callback, 410, "GoneException", null);
    }

    private static void error(Response response, Callback callback, int status, String type, String message) {
        response.getHeaders().put("x-amzn-ErrorType", type);
        JsonObject body = new JsonObject();
        body.addProperty("message", message);
        HttpExchange.json(response, callback, status, body.toString());
    }
}
