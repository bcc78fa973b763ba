package dev.jobwire.aws.webhook;

import dev.jobwire.core.port.WebhookSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A {@link WebhookSender} that speaks HTTP/1.1 over a socket it connects itself, to the address
 * the SSRF check approved: DNS is not asked again, so a name cannot be re-pointed at an internal
 * address between the check and the request. For {@code https} the TLS handshake still names the
 * URL's host (SNI) and verifies the certificate against it. Redirects are never followed (a 3xx
 * is a failed attempt like any other non-2xx), the connect and read timeouts are short, and at
 * most the status line and a few KB of the answer are read.
 */
public final class SocketWebhookSender implements WebhookSender {
    private static final int MAX_RESPONSE_HEAD_BYTES = 8 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory tls;

    public SocketWebhookSender(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With a TLS socket factory of the caller's, for receivers whose certificates a test made. */
    public SocketWebhookSender(Duration connectTimeout, Duration readTimeout, SSLSocketFactory tls) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    /** Timeouts that keep a whole attempt well inside the webhook function's timeout. */
    public static SocketWebhookSender withDefaultTimeouts() {
        return new SocketWebhookSender(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Override
    public Response post(URI url, InetAddress address, Map<String, String> headers, String body) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            // One deadline for the handshake, the request and the status line together, so a
            // receiver that trickles bytes cannot hold the attempt past the function's timeout.
            long deadline = System.nanoTime() + readTimeout.toNanos();
            timeoutUntil(plain, deadline);
            Socket socket = plain;
            if (https) {
                SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.contains(":") && !host.matches("[0-9.]+")) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
            OutputStream out = socket.getOutputStream();
            out.write(head(url, host, port, https, headers, content.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return new Response(status(socket, deadline), null);
        } catch (SocketTimeoutException e) {
            return new Response(0, "timed out after " + readTimeout.toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            return new Response(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String head(URI url, String host, int port, boolean https, Map<String, String> headers,
                               int length) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        StringBuilder head = new StringBuilder();
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("host") || name.equals("content-length") || name.equals("connection")) {
                continue;
            }
            head.append(clean(header.getKey())).append(": ").append(clean(header.getValue())).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        return head.toString();
    }

    private static String clean(String text) {
        return text.replace("\r", "").replace("\n", "");
    }

    /** Sets the socket's read timeout to what is left until {@code deadline}, or times out now. */
    private static void timeoutUntil(Socket socket, long deadline) throws IOException {
        long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left < 1) {
            throw new SocketTimeoutException("the receiver took too long");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    /** The status code of the response's status line, read before {@code deadline}. */
    private static int status(Socket socket, long deadline) throws IOException {
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
        StringBuilder line = new StringBuilder();
        for (int read = 0; read < MAX_RESPONSE_HEAD_BYTES; read++) {
            timeoutUntil(socket, deadline);
            int c = in.read();
            if (c < 0 || c == '\n') {
                break;
            }
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: '" + line.toString().trim() + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("no status in '" + line.toString().trim() + "'", e);
        }
    }
}
