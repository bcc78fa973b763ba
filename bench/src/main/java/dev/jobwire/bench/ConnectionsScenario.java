package dev.jobwire.bench;

import com.google.gson.JsonObject;
import dev.jobwire.aws.AwsClients;
import dev.jobwire.aws.apigateway.ApiGatewayPusher;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.port.Pusher;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;

/**
 * N connections of one user opened from this JVM (connect rate, and the runtime's heap and
 * resident memory per connection when the bench runs the runtime), then one event fanned out to
 * all of them: a {@code demo.sleep} job of one step, whose progress event the notifier pushes to
 * every connection of the owner. Its floor sends one frame to every connection through the same
 * management API from here, the way the notifier does but with no queue and no table.
 */
final class ConnectionsScenario {
    /** Runtime memory and threads at one moment; {@code -1} where unknown. */
    record Memory(long heapBytes, long residentBytes, long threads) {
        static final Memory UNKNOWN = new Memory(-1, -1, -1);
    }

    /** One fan-out: how many connections got the frame, and when the last did. */
    record FanOut(int connections, long received, long duplicates, double lastReceiptMs, Latencies.Summary latency) {
    }

    record Result(int connections, Duration openTime, double connectsPerSecond, int handshakeRetries, Memory before,
                  Memory after, FanOut fanOut, FanOut floor) {
        double heapBytesPerConnection() {
            return before.heapBytes() < 0 ? Double.NaN : (after.heapBytes() - before.heapBytes()) / (double) connections;
        }

        double residentBytesPerConnection() {
            return before.residentBytes() < 0 ? Double.NaN
                    : (after.residentBytes() - before.residentBytes()) / (double) connections;
        }
    }

    private ConnectionsScenario() {
    }

    static Result run(Target target, List<HttpClient> clients, int count, int handshakesInFlight, String user,
                      Duration quiet, Consumer<String> progress) throws InterruptedException {
        Memory before = memory(target);
        progress.accept("opening " + count + " connections as " + user);
        BenchSocket.Opened opened = BenchSocket.open(clients, target.webSocketUrl(), target.tokens(), i -> user, count,
                handshakesInFlight);
        List<BenchSocket> sockets = opened.sockets();
        try {
            progress.accept(String.format("opened %d in %.1f s (%.0f/s, %d handshakes retried); measuring memory",
                    count, opened.elapsed().toMillis() / 1000.0, opened.perSecond(), opened.retries()));
            Memory after = memory(target);
            progress.accept("fan-out: one job event to all " + count + " connections");
            FanOut fanOut = fanOutJob(sockets, quiet);
            FanOut floor = null;
            if (target.managementEndpoint() != null && target.devEndpoint() != null) {
                progress.accept("fan-out floor: one frame to each connection through the management API");
                floor = fanOutFloor(target, sockets, target.connectionIds(target.effectiveUser(user)), quiet);
            }
            return new Result(count, opened.elapsed(), opened.perSecond(), opened.retries(), before, after, fanOut, floor);
        } finally {
            progress.accept("closing " + count + " connections");
            BenchSocket.closeAll(sockets);
        }
    }

    static Memory memory(Target target) {
        if (target.runtime() == null) {
            return Memory.UNKNOWN;
        }
        RuntimeProcess runtime = target.runtime();
        long heap = runtime.heapAfterGcBytes();
        return new Memory(heap, runtime.residentBytes(), runtime.threads());
    }

    private static FanOut fanOutJob(List<BenchSocket> sockets, Duration quiet) throws InterruptedException {
        String requestId = "fanout-" + Long.toString(System.nanoTime(), 36);
        Tally tally = new Tally();
        BenchSocket.Receiver receiver = (socket, text, receivedMicros) -> {
            JsonObject frame = PushScenario.parse(text);
            if (frame == null) {
                return;
            }
            Long seq = PushScenario.number(frame, "seq");
            Long at = PushScenario.number(frame, "at");
            if ("progress".equals(PushScenario.string(frame, "type")) && seq != null && seq == 1 && at != null) {
                tally.record(socket.index, at * 1000, receivedMicros);
            }
        };
        sockets.forEach(socket -> socket.receiver(receiver));
        sockets.get(0).send("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":{\"steps\":1,\"delayMs\":0},"
                + "\"requestId\":\"" + requestId + "\"}");
        tally.await(sockets.size(), quiet);
        sockets.forEach(socket -> socket.receiver((s, t, r) -> { }));
        return tally.result(sockets.size());
    }

    private static FanOut fanOutFloor(Target target, List<BenchSocket> sockets, List<String> connectionIds,
                                      Duration quiet) throws InterruptedException {
        AwsClients.Builder builder = AwsClients.builder().region(Region.US_EAST_1)
                .managementEndpoint(target.managementEndpoint());
        if (target.runtime() != null || target.devEndpoint() != null) {
            builder.staticCredentials("local", "local");
        }
        Tally tally = new Tally();
        BenchSocket.Receiver receiver = (socket, text, receivedMicros) -> {
            JsonObject frame = PushScenario.parse(text);
            if (frame != null && "floor".equals(PushScenario.string(frame, "type"))) {
                tally.record(socket.index, frame.get("atMicros").getAsLong(), receivedMicros);
            }
        };
        sockets.forEach(socket -> socket.receiver(receiver));
        try (AwsClients clients = builder.build()) {
            Pusher pusher = new ApiGatewayPusher(clients.managementApi());
            pusher.push(ConnectionId.of(connectionIds.get(0)), "{\"type\":\"warm-up\"}");
            long startMicros = Latencies.nowMicros();
            String frame = "{\"type\":\"floor\",\"jobId\":\"floor\",\"seq\":1,\"atMicros\":" + startMicros + "}";
            for (String id : connectionIds) {
                pusher.push(ConnectionId.of(id), frame);
            }
            tally.await(Math.min(sockets.size(), connectionIds.size()), quiet);
        }
        sockets.forEach(socket -> socket.receiver((s, t, r) -> { }));
        return tally.result(connectionIds.size());
    }

    /** Receipts of one frame, at most once counted per connection. */
    private static final class Tally {
        private final ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();
        private final Latencies latencies = new Latencies();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong lastMicros = new AtomicLong();
        private final AtomicLong originMicros = new AtomicLong();

        void record(int connection, long originMicros, long receivedMicros) {
            if (seen.putIfAbsent(connection, Boolean.TRUE) != null) {
                duplicates.incrementAndGet();
                return;
            }
            this.originMicros.set(originMicros);
            latencies.recordMicros(receivedMicros - originMicros);
            lastMicros.accumulateAndGet(receivedMicros, Math::max);
        }

        void await(int expected, Duration quiet) throws InterruptedException {
            long last = -1;
            long changed = System.nanoTime();
            while (seen.size() < expected) {
                Thread.sleep(50);
                if (seen.size() != last) {
                    last = seen.size();
                    changed = System.nanoTime();
                } else if (System.nanoTime() - changed > quiet.toNanos()) {
                    return;
                }
            }
        }

        FanOut result(int connections) {
            double last = seen.isEmpty() ? Double.NaN : (lastMicros.get() - originMicros.get()) / 1000.0;
            return new FanOut(connections, seen.size(), duplicates.get(), last, latencies.summary());
        }
    }
}
