package dev.jobwire.test.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (the JDK's HttpServer): records every POST per path and answers
 * each path's first {@code failures} POSTs with 500, then 200.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One POST as it arrived. */
    record Post(String path, String signature, String eventId, String attempt, String body) {
    }

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            posts.add(new Post(path, exchange.getRequestHeaders().getFirst("Jobwire-Signature"),
                    exchange.getRequestHeaders().getFirst("Jobwire-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Jobwire-Delivery-Attempt"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            int count = seen.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = count <= failures.getOrDefault(path, 0) ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The first {@code count} POSTs to {@code path} get 500. */
    void failFirst(String path, int count) {
        failures.put(path, count);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Post> posts(String path) {
        return posts.stream().filter(p -> p.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
