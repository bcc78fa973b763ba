package dev.jobwire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One benchmark client connection: a JDK {@link WebSocket} (non-blocking, so ten thousand of them
 * share a few selector threads) that hands each complete text message, with the microsecond it
 * arrived, to the {@link Receiver} the running scenario installed. Sends are queued one after the
 * other, as the JDK client requires.
 */
final class BenchSocket implements WebSocket.Listener {
    /** What a scenario does with each message; called on the client's threads, must not block. */
    interface Receiver {
        void received(BenchSocket socket, String text, long receivedMicros);
    }

    private static final Receiver IGNORE = (socket, text, at) -> { };

    final int index;
    final String user;
    private volatile Receiver receiver = IGNORE;
    private volatile WebSocket webSocket;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private BenchSocket(int index, String user) {
        this.index = index;
        this.user = user;
    }

    void receiver(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Queues a text message; failures show as the returned future's. */
    synchronized CompletableFuture<?> send(String text) {
        WebSocket ws = webSocket;
        sending = sending.handle((ignored, failure) -> null).thenCompose(ignored -> ws.sendText(text, true));
        return sending;
    }

    boolean isOpen() {
        WebSocket ws = webSocket;
        return ws != null && !ws.isInputClosed() && !ws.isOutputClosed();
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    void close() {
        WebSocket ws = webSocket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").exceptionally(failure -> {
                ws.abort();
                return null;
            });
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletableFuture<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else {
            long now = Latencies.nowMicros();
            String text;
            if (partial.length() == 0) {
                text = data.toString();
            } else {
                text = partial.append(data).toString();
                partial.setLength(0);
            }
            receiver.received(this, text, now);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletableFuture<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    /** Connections opened, how long it took, and how many handshakes had to be tried again. */
    record Opened(List<BenchSocket> sockets, Duration elapsed, int retries) {
        double perSecond() {
            return sockets.size() / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Opens {@code count} connections, socket {@code i} as user {@code userOf.apply(i)}, with at
     * most {@code inFlight} handshakes at a time. A handshake the gateway answers 429 or 5xx (its
     * {@code $connect} throttled) is tried again after a pause, up to 20 times; any other failure
     * fails the whole opening.
     */
    static Opened open(List<HttpClient> clients, URI webSocketUrl, Function<String, String> tokens,
                       Function<Integer, String> userOf, int count, int inFlight) throws InterruptedException {
        List<BenchSocket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sockets.add(new BenchSocket(i, userOf.apply(i)));
        }
        java.util.Map<String, String> tokenOf = tokens(sockets, tokens);
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger retries = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<Void>> done = new ArrayList<>(count);
        long started = System.nanoTime();
        for (BenchSocket socket : sockets) {
            if (failure.get() != null) {
                break;
            }
            slots.acquire();
            HttpClient client = clients.get(socket.index % clients.size());
            URI uri = URI.create(webSocketUrl + "?token=" + tokenOf.get(socket.user));
            CompletableFuture<Void> one = connect(client, uri, socket, 0, retries);
            done.add(one.whenComplete((ok, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                slots.release();
            }));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            failure.compareAndSet(null, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (failure.get() != null) {
            sockets.forEach(BenchSocket::close);
            Throwable cause = failure.get() instanceof CompletionException ? failure.get().getCause() : failure.get();
            throw new IllegalStateException("opening " + count + " connections to " + webSocketUrl + " failed: " + cause,
                    cause);
        }
        return new Opened(sockets, elapsed, retries.get());
    }

    /** One token per user, fetched 16 at a time: a token endpoint is a round trip per user. */
    private static java.util.Map<String, String> tokens(List<BenchSocket> sockets, Function<String, String> tokens)
            throws InterruptedException {
        java.util.Map<String, String> tokenOf = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> users = new java.util.LinkedHashSet<>();
        sockets.forEach(socket -> users.add(socket.user));
        java.util.concurrent.ExecutorService fetchers = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(16, users.size()));
        try {
            List<java.util.concurrent.Future<?>> fetched = new ArrayList<>();
            for (String user : users) {
                fetched.add(fetchers.submit(() -> tokenOf.put(user, tokens.apply(user))));
            }
            for (java.util.concurrent.Future<?> one : fetched) {
                one.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("fetching a token failed: " + e.getCause(), e.getCause());
        } finally {
            fetchers.shutdownNow();
        }
        return tokenOf;
    }

    private static CompletableFuture<Void> connect(HttpClient client, URI uri, BenchSocket socket, int attempt,
                                                   AtomicInteger retries) {
        return client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, socket)
                .handle((ws, error) -> {
                    if (error == null) {
                        socket.webSocket = ws;
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    int status = cause instanceof WebSocketHandshakeException handshake
                            ? handshake.getResponse().statusCode() : 0;
                    if ((status == 429 || status >= 500) && attempt < 20) {
                        retries.incrementAndGet();
                        return CompletableFuture.runAsync(() -> { },
                                        CompletableFuture.delayedExecutor(20L << Math.min(attempt, 5), TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> connect(client, uri, socket, attempt + 1, retries));
                    }
                    return CompletableFuture.<Void>failedFuture(status == 0 ? cause
                            : new IllegalStateException("handshake answered " + status, cause));
                })
                .thenCompose(Function.identity());
    }

    /** Closes every socket and waits a little for the gateway to see them go. */
    static void closeAll(List<BenchSocket> sockets) {
        sockets.forEach(BenchSocket::close);
        CompletableFuture<?>[] all = sockets.stream().map(BenchSocket::closed).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a socket that did not answer its close in time is dropped with the process
        }
    }
}
