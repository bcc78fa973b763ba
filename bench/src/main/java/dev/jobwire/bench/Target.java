package dev.jobwire.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The stack under test: where clients connect, how they get a token for a user, the management API
 * endpoint, and — for the local runtime only — its {@code _dev} endpoints and its process (for
 * memory). {@code runtime} is null when the stack runs elsewhere (a deployed stack, or a runtime
 * in the caller's own process).
 *
 * @param webSocketUrl       {@code ws://} or {@code wss://} URL of the stage, without a query
 * @param tokens             a token for a user name
 * @param managementEndpoint the management API including the stage, or null when unknown
 * @param devEndpoint        the local runtime's {@code /{stage}} base for {@code _dev/*}, or null
 * @param runtime            the runtime's process when the bench started it, else null
 * @param sharedUser         when not null, every connection authenticates as this one user (a fixed
 *                           {@code --token}), so every event reaches every connection
 */
record Target(URI webSocketUrl, Function<String, String> tokens, URI managementEndpoint, URI devEndpoint,
              RuntimeProcess runtime, String sharedUser) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Target {
        Objects.requireNonNull(webSocketUrl, "webSocketUrl");
        Objects.requireNonNull(tokens, "tokens");
    }

    /** A local runtime (in this process or another) at {@code base}, stage {@code stage}. */
    static Target local(URI webSocketUrl, URI managementEndpoint, RuntimeProcess runtime) {
        URI dev = managementEndpoint;
        return new Target(webSocketUrl, user -> tokenFrom(URI.create(dev + "/_dev/token"), user), managementEndpoint,
                dev, runtime, null);
    }

    /** The user a connection of {@code user} really authenticates as. */
    String effectiveUser(String user) {
        return sharedUser != null ? sharedUser : user;
    }

    /** {@code GET url?user=NAME} answering {@code {"token":"…"}}, as the local {@code _dev/token} does. */
    static String tokenFrom(URI url, String user) {
        String separator = url.getQuery() == null ? "?" : "&";
        URI uri = URI.create(url + separator + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8));
        String body = get(uri);
        try {
            return JsonParser.parseString(body).getAsJsonObject().get("token").getAsString();
        } catch (RuntimeException e) {
            throw new IllegalStateException(uri + " did not answer {\"token\":…}: " + body, e);
        }
    }

    /** The ids of the open connections of {@code user}, from the local runtime's connection table. */
    List<String> connectionIds(String user) {
        if (devEndpoint == null) {
            throw new IllegalStateException("connection ids are known for the local runtime only");
        }
        JsonArray rows = JsonParser.parseString(get(URI.create(devEndpoint + "/_dev/connections")))
                .getAsJsonObject().getAsJsonArray("connections");
        List<String> ids = new ArrayList<>();
        for (JsonElement row : rows) {
            JsonObject connection = row.getAsJsonObject();
            if (user.equals(connection.get("userId").getAsString())) {
                ids.add(connection.get("connectionId").getAsString());
            }
        }
        return ids;
    }

    static String get(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + uri, e);
        }
    }
}
