package dev.jobwire.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * K concurrent jobs × M progress events over already open connections, and its floor: the same
 * number of echo streams × messages over the same connections, through the same gateway, with no
 * queue and no table on the way.
 *
 * <p>Job {@code j} belongs to the {@code j mod U}-th user of the connections and is submitted on
 * that user's first connection; every connection of the user must receive every event once and in
 * order. Echo stream {@code j} runs on the same connection, one message after the other (the next
 * {@code delayMs} after the previous reply, as a job's next step follows its previous one).
 */
final class PushScenario {
    private static final Set<String> JOB_EVENTS = Set.of("progress", "succeeded", "failed", "cancelled");

    /**
     * @param jobs            concurrent jobs (or echo streams)
     * @param events          progress events per job ({@code demo.sleep} steps), 1–1000
     * @param delayMs         pause before each event
     * @param submitsInFlight submits sent before their {@code accepted} arrives, at most; keep it
     *                        under the submit function's concurrency (64 locally), whose throttled
     *                        invocations the gateway answers with an error frame that names no request
     * @param quiet           how long to wait without a new delivery before counting the rest lost
     */
    record Settings(int jobs, int events, long delayMs, int submitsInFlight, Duration quiet) {
        Settings {
            if (jobs < 1 || events < 1 || events > 1000 || delayMs < 0 || submitsInFlight < 1) {
                throw new IllegalArgumentException("jobs >= 1, 1 <= events <= 1000, delayMs >= 0, submitsInFlight >= 1");
            }
            if (events * delayMs > 600_000) {
                throw new IllegalArgumentException("events × delayMs must be at most 600,000 ms (demo.sleep's limit)");
            }
            Objects.requireNonNull(quiet, "quiet");
        }
    }

    /**
     * @param counts        deliveries against expectations, with latency from {@code at} to receipt
     * @param roundTrip     submit → {@code accepted} for jobs; send → echo for the floor
     * @param failedJobs    jobs that ended {@code failed} or {@code cancelled}
     * @param gatewayErrors frames from the gateway or the service that signal an error
     */
    record Result(Settings settings, int connections, int users, DeliveryLedger.Counts counts,
                  Latencies.Summary roundTrip, long failedJobs, long gatewayErrors, Duration elapsed) {
    }

    private PushScenario() {
    }

    /** Runs the jobs and waits until every expected event arrived or nothing arrived for {@code quiet}. */
    static Result jobs(Target target, List<BenchSocket> sockets, Settings settings) throws InterruptedException {
        Map<String, List<Integer>> byUser = byUser(target, sockets);
        List<String> users = new ArrayList<>(byUser.keySet());
        DeliveryLedger ledger = new DeliveryLedger();
        Latencies acks = new Latencies();
        Semaphore inFlight = new Semaphore(settings.submitsInFlight());
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, String> ownerOf = new ConcurrentHashMap<>();
        Map<String, Integer> terminalSeq = new ConcurrentHashMap<>();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        AtomicLong errors = new AtomicLong();
        String run = Long.toString(System.nanoTime(), 36);

        BenchSocket.Receiver receiver = (socket, text, receivedMicros) -> {
            JsonObject frame = parse(text);
            String type = frame == null ? null : string(frame, "type");
            if (type == null) {
                errors.incrementAndGet();
                return;
            }
            if (JOB_EVENTS.contains(type)) {
                String jobId = string(frame, "jobId");
                Long seq = number(frame, "seq");
                Long at = number(frame, "at");
                if (jobId == null || seq == null || at == null) {
                    // A malformed event is a protocol error, counted as one, not a lost event.
                    errors.incrementAndGet();
                    return;
                }
                ledger.record(socket.index, jobId, seq.intValue(), at, receivedMicros);
                if (!type.equals("progress")) {
                    terminalSeq.put(jobId, seq.intValue());
                    if (!type.equals("succeeded")) {
                        failed.add(jobId);
                    }
                }
            } else if (type.equals("accepted") || type.equals("error")) {
                String requestId = string(frame, "requestId");
                Long sent = requestId == null ? null : sentAt.remove(requestId);
                if (type.equals("accepted") && sent != null) {
                    acks.recordMicros(receivedMicros - sent);
                    ownerOf.put(string(frame, "jobId"), socket.user);
                } else {
                    errors.incrementAndGet();
                }
                if (sent != null) {
                    inFlight.release();
                }
            }
        };
        sockets.forEach(socket -> socket.receiver(receiver));
        long started = System.nanoTime();
        String input = "{\"steps\":" + settings.events() + ",\"delayMs\":" + settings.delayMs() + "}";
        for (int j = 0; j < settings.jobs(); j++) {
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no accepted for 60 s: " + sentAt.size() + " submits unanswered");
            }
            BenchSocket socket = sockets.get(byUser.get(users.get(j % users.size())).get(0));
            String requestId = run + "-" + j;
            sentAt.put(requestId, Latencies.nowMicros());
            socket.send("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"input\":" + input + ",\"requestId\":\""
                    + requestId + "\"}");
        }
        Map<String, List<Integer>> connectionsOf = new LinkedHashMap<>();
        DeliveryLedger.Counts counts = await(ledger, settings, () -> {
            connectionsOf.clear();
            ownerOf.forEach((jobId, user) -> connectionsOf.put(jobId, byUser.get(target.effectiveUser(user))));
            return ledger.counts(connectionsOf.keySet(),
                    jobId -> terminalSeq.getOrDefault(jobId, settings.events() + 1), connectionsOf);
        }, () -> ownerOf.size() == settings.jobs());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        sockets.forEach(socket -> socket.receiver((s, t, r) -> { }));
        long unanswered = settings.jobs() - ownerOf.size();
        return new Result(settings, sockets.size(), users.size(), withLostJobs(counts, unanswered, settings),
                acks.summary(), failed.size(), errors.get(), elapsed);
    }

    /** The floor: echo streams shaped like the jobs, each on the connection its job would be submitted on. */
    static Result echo(Target target, List<BenchSocket> sockets, Settings settings) throws InterruptedException {
        Map<String, List<Integer>> byUser = byUser(target, sockets);
        List<String> users = new ArrayList<>(byUser.keySet());
        DeliveryLedger ledger = new DeliveryLedger();
        Latencies roundTrips = new Latencies();
        AtomicLong errors = new AtomicLong();
        int messages = settings.events() + 1;
        String run = "echo-" + Long.toString(System.nanoTime(), 36);
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "echo-pacer");
            thread.setDaemon(true);
            return thread;
        });
        BenchSocket.Receiver receiver = (socket, text, receivedMicros) -> {
            JsonObject frame = parse(text);
            if (frame == null || !EchoHandler.TYPE.equals(string(frame, "type"))) {
                errors.incrementAndGet();
                return;
            }
            String stream = string(frame, "jobId");
            int seq = frame.get("seq").getAsInt();
            ledger.record(socket.index, stream, seq, frame.get("at").getAsLong(), receivedMicros);
            roundTrips.recordMicros(receivedMicros - frame.get("sentMicros").getAsLong());
            if (seq < messages) {
                Runnable next = () -> sendEcho(socket, stream, seq + 1);
                if (settings.delayMs() == 0) {
                    next.run();
                } else {
                    pacer.schedule(next, settings.delayMs(), TimeUnit.MILLISECONDS);
                }
            }
        };
        sockets.forEach(socket -> socket.receiver(receiver));
        Map<String, List<Integer>> connectionsOf = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (int j = 0; j < settings.jobs(); j++) {
            int connection = byUser.get(users.get(j % users.size())).get(0);
            String stream = run + "-" + j;
            connectionsOf.put(stream, List.of(connection));
            pacer.schedule(() -> sendEcho(sockets.get(connection), stream, 1), settings.delayMs(), TimeUnit.MILLISECONDS);
        }
        DeliveryLedger.Counts counts = await(ledger, settings,
                () -> ledger.counts(connectionsOf.keySet(), stream -> messages, connectionsOf), () -> true);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        pacer.shutdownNow();
        sockets.forEach(socket -> socket.receiver((s, t, r) -> { }));
        return new Result(settings, sockets.size(), users.size(), counts, roundTrips.summary(), 0, errors.get(), elapsed);
    }

    private static void sendEcho(BenchSocket socket, String stream, int seq) {
        socket.send("{\"action\":\"" + EchoHandler.ACTION + "\",\"jobId\":\"" + stream + "\",\"seq\":" + seq
                + ",\"sentMicros\":" + Latencies.nowMicros() + "}");
    }

    private static DeliveryLedger.Counts await(DeliveryLedger ledger, Settings settings,
                                               java.util.function.Supplier<DeliveryLedger.Counts> counts,
                                               java.util.function.BooleanSupplier allKnown)
            throws InterruptedException {
        long lastDistinct = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Thread.sleep(100);
            boolean known = allKnown.getAsBoolean();
            DeliveryLedger.Counts now = counts.get();
            long distinct = ledger.distinctDeliveries();
            if (distinct != lastDistinct) {
                lastDistinct = distinct;
                lastChange = System.nanoTime();
            }
            boolean complete = known && now.expected() > 0 && now.received() >= now.expected();
            if (complete || System.nanoTime() - lastChange > settings.quiet().toNanos()) {
                return now;
            }
        }
    }

    /** A job whose submit was never accepted delivered none of its events to any connection. */
    private static DeliveryLedger.Counts withLostJobs(DeliveryLedger.Counts counts, long unanswered, Settings settings) {
        if (unanswered == 0) {
            return counts;
        }
        long lost = unanswered * (settings.events() + 1);
        return new DeliveryLedger.Counts(counts.expected() + lost, counts.received(), counts.lost() + lost,
                counts.duplicates(), counts.outOfOrder(), counts.perSecond(), counts.latency());
    }

    /** Connection indexes by the user they really authenticate as, in order of first connection. */
    static Map<String, List<Integer>> byUser(Target target, List<BenchSocket> sockets) {
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        for (BenchSocket socket : sockets) {
            byUser.computeIfAbsent(target.effectiveUser(socket.user), user -> new ArrayList<>()).add(socket.index);
        }
        return byUser;
    }

    static JsonObject parse(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The field's text, or null when it is missing or not a JSON string or number. */
    static String string(JsonObject frame, String field) {
        JsonElement value = frame.get(field);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    /** The field's whole number, or null when it is missing or not one. */
    static Long number(JsonObject frame, String field) {
        JsonElement value = frame.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return value.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
