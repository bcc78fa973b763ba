package dev.jobwire.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small helpers over Jetty's request and response for the gateway's JSON endpoints. */
final class HttpExchange {
    private HttpExchange() {
    }

    /** The decoded segments of the request path, so that {@code %40connections} and {@code @connections} match alike. */
    static List<String> segments(Request request) {
        String raw = request.getHttpURI().getPath();
        List<String> segments = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** The body, or null when it is longer than {@code limit} bytes. */
    static byte[] body(Request request, int limit) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? null : bytes;
        }
    }

    static void json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body, callback);
    }

    static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.write(true, null, callback);
    }

    static boolean isLoopback(Request request) {
        String address = Request.getRemoteAddr(request);
        return address.equals("127.0.0.1") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1")
                || address.startsWith("127.");
    }
}
