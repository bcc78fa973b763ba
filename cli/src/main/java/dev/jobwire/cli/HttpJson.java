package dev.jobwire.cli;

import dev.jobwire.cli.socket.JdkWebSocketTransport;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** GET requests that answer JSON objects, with every failure turned into a one-line {@link CliFailure}. */
public final class HttpJson {
    private final HttpClient client;
    private final Duration timeout;
    private final String userAgent;

    public HttpJson(Duration timeout, String userAgent) {
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * @param bearer a token for the Authorization header, or null
     * @throws CliFailure with {@link ExitCodes#CONNECTION} when the server cannot be reached, refuses
     *                    the token or answers anything but a JSON object with 200
     */
    public JsonObject get(URI uri, String bearer) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CliFailure.connection(describe(uri, e));
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw CliFailure.connection("the server rejected the token (HTTP " + status + ") at " + uri);
        }
        if (status == 404) {
            throw CliFailure.connection("not found (HTTP 404): " + uri);
        }
        if (status / 100 != 2) {
            throw CliFailure.connection("HTTP " + status + " from " + uri + firstLine(response.body()));
        }
        JsonObject body = Json.object(response.body());
        if (body == null) {
            throw CliFailure.connection("the answer from " + uri + " is not a JSON object");
        }
        return body;
    }

    /** The same one-line reason the WebSocket transport gives for a failed connection. */
    private static String describe(URI uri, IOException e) {
        return JdkWebSocketTransport.describe(uri, e).getMessage();
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
}
