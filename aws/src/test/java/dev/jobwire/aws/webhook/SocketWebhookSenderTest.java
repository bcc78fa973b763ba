package dev.jobwire.aws.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jobwire.core.port.WebhookSender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketWebhookSenderTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final SocketWebhookSender sender = new SocketWebhookSender(Duration.ofSeconds(2), Duration.ofSeconds(1));
    private HttpServer server;
    private InetAddress loopback;

    @BeforeEach
    void start() throws Exception {
        loopback = InetAddress.getByName("127.0.0.1");
        server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        server.createContext("/ok", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Jobwire-Event-Id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        // A name that does not resolve: the sender must use the address it is given, not DNS.
        return URI.create("http://receiver.invalid:" + server.getAddress().getPort() + path);
    }

    @Test
    void post_connectsToTheGivenAddress_andSendsHeadersAndBody() {
        WebhookSender.Response response = sender.post(url("/ok?x=1"), loopback, Map.of("Jobwire-Event-Id", "j.3"),
                "{\"type\":\"succeeded\"}");

        assertThat(response.status()).isEqualTo(204);
        assertThat(received).containsExactly("POST /ok?x=1 j.3 {\"type\":\"succeeded\"}");
    }

    @Test
    void post_neverFollowsARedirect() {
        WebhookSender.Response response = sender.post(url("/moved"), loopback, Map.of(), "{}");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.isSuccess()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void post_toASlowReceiver_givesUpAfterTheReadTimeout() {
        WebhookSender.Response response = sender.post(url("/slow"), loopback, Map.of(), "{}");

        assertThat(response.status()).isZero();
        assertThat(response.error()).contains("timed out");
    }

    @Test
    void post_toAReceiverThatTricklesItsAnswer_givesUpAtTheDeadlineForTheWholeAttempt() throws Exception {
        try (java.net.ServerSocket trickler = new java.net.ServerSocket(0, 1, loopback)) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket client = trickler.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    // Each byte comes well inside the 1 s read timeout, the whole line long after it.
                    for (byte b : "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)) {
                        client.getOutputStream().write(b);
                        client.getOutputStream().flush();
                        Thread.sleep(300);
                    }
                } catch (Exception ignored) {
                    // the sender hung up, as it should
                }
            }, "trickler");
            answer.setDaemon(true);
            answer.start();

            WebhookSender.Response response = sender.post(
                    URI.create("http://receiver.test:" + trickler.getLocalPort() + "/"), loopback, Map.of(), "{}");

            assertThat(response.status()).isZero();
            assertThat(response.error()).contains("timed out");
        }
    }

    @Test
    void post_toAClosedPort_isAFailureNotAnException() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);

        WebhookSender.Response response = sender.post(URI.create("http://receiver.invalid:" + port + "/"), loopback,
                Map.of(), "{}");

        assertThat(response.status()).isZero();
        assertThat(response.error()).isNotBlank();
    }
}
