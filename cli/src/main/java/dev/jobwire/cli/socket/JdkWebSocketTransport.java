package dev.jobwire.cli.socket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * {@link Transport} on the JDK's {@code java.net.http} WebSocket client. Each session announces
 * itself with the given {@code User-Agent}, which is what the connection table shows.
 */
public final class JdkWebSocketTransport implements Transport {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final HttpClient client;
    private final String userAgent;
    private final Duration connectTimeout;

    public JdkWebSocketTransport(String userAgent, Duration connectTimeout) {
        this.userAgent = userAgent;
        this.connectTimeout = connectTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public Session open(URI url, String token) throws ConnectFailure, InterruptedException {
        URI target = URI.create(url + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        QueueListener listener = new QueueListener();
        CompletableFuture<WebSocket> opening = client.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .header("User-Agent", userAgent)
                .buildAsync(target, listener);
        try {
            WebSocket socket = opening.get(connectTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return new JdkSession(socket, listener.frames);
        } catch (ExecutionException e) {
            throw describe(url, e.getCause());
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new ConnectFailure("timed out connecting to " + url, false);
        }
    }

    /** Why connecting to {@code url} failed, in one line, from the failure's whole cause chain. */
    public static ConnectFailure describe(URI url, Throwable failure) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < 20; cause = cause.getCause()) {
            chain.add(cause);
        }
        for (Throwable cause : chain) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                int status = handshake.getResponse().statusCode();
                if (status == 401 || status == 403) {
                    return new ConnectFailure("the server rejected the token (HTTP " + status + ") at " + url, true);
                }
                return new ConnectFailure("the WebSocket handshake with " + url + " failed with HTTP " + status
                        + "; is this the WebSocket URL of a jobwire stage?", true);
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return new ConnectFailure("unknown host " + url.getHost(), false);
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                return new ConnectFailure("timed out connecting to " + url, false);
            }
            if (cause instanceof ConnectException) {
                return new ConnectFailure("connection refused by " + url.getHost() + ":" + port(url)
                        + " (is the server running?)", false);
            }
            if (cause instanceof SSLException) {
                return new ConnectFailure("TLS failed with " + url.getHost() + ": " + cause.getMessage(), true);
            }
            if (cause instanceof IOException && cause.getMessage() != null) {
                return new ConnectFailure("could not connect to " + url + ": " + cause.getMessage(), false);
            }
        }
        return new ConnectFailure("could not connect to " + url + ": " + failure, false);
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "wss".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static final class QueueListener implements WebSocket.Listener {
        final BlockingQueue<Incoming> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(new Incoming.Text(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(new Incoming.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(new Incoming.Closed(-1, String.valueOf(error.getMessage() == null ? error : error.getMessage())));
        }
    }

    private static final class JdkSession implements Session {
        private final WebSocket socket;
        private final BlockingQueue<Incoming> frames;
        private Incoming.Closed closed;

        JdkSession(WebSocket socket, BlockingQueue<Incoming> frames) {
            this.socket = socket;
            this.frames = frames;
        }

        @Override
        public synchronized void send(String text) throws IOException {
            if (closed != null || socket.isOutputClosed()) {
                throw new IOException("the connection is closed");
            }
            try {
                socket.sendText(text, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException("send failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("send timed out");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending");
            }
        }

        @Override
        public Incoming receive(Duration timeout) throws InterruptedException {
            if (closed != null) {
                return closed;
            }
            Incoming next = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next instanceof Incoming.Closed c) {
                closed = c;
            }
            return next;
        }

        @Override
        public void close() {
            if (closed == null && !socket.isOutputClosed()) {
                try {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                            .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
                    while (closed == null && System.nanoTime() < deadline) {
                        receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // the connection is going away anyway; abort below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            socket.abort();
        }
    }
}
