package dev.jobwire.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: measures push latency, throughput, acknowledgement latency, connections,
 * fan-out and cold start — each beside its floor measured in the same run — prints a table with
 * the goals, and writes the figures as JSON. By default it starts the local runtime in a process of
 * its own; {@code --ws-url} points it at any deployed stack instead.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks jobwire beside its floor (the same clients and gateway, an echo route, no queue",
            "or table). Starts the local runtime in its own process unless --ws-url is given."})
public final class Bench implements Callable<Integer> {
    /** The scenarios, in the order they run. */
    enum Scenario { ACK, PUSH, THROUGHPUT, CONNECTIONS, COLDSTART }

    @Option(names = "--ws-url", description = "WebSocket URL of a deployed stage (wss://…/prod); default: start the local runtime.")
    URI wsUrl;
    @Option(names = "--token", description = "A token for every connection (they then share one user).")
    String token;
    @Option(names = "--token-url", description = "GET URL?user=NAME answering {\"token\":…}, one token per user.")
    URI tokenUrl;
    @Option(names = "--management-endpoint", description = "Management API of the stage (https://…/prod), for the fan-out floor.")
    URI managementEndpoint;

    @Option(names = "--only", split = ",", description = "Scenarios to run (default all): ${COMPLETION-CANDIDATES}.")
    Set<Scenario> only;
    @Option(names = "--skip", split = ",", description = "Scenarios to leave out.")
    Set<Scenario> skip;

    @Option(names = "--connections", description = "Connections of the push, throughput and ack scenarios (default ${DEFAULT-VALUE}).")
    int connections = 1000;
    @Option(names = "--connections-per-user", description = "Connections per user: each event reaches this many (default ${DEFAULT-VALUE}).")
    int connectionsPerUser = 2;
    @Option(names = "--jobs", description = "Concurrent jobs of the push and throughput scenarios (default ${DEFAULT-VALUE}).")
    int jobs = 200;
    @Option(names = "--events", description = "Progress events per job in the push scenario (default ${DEFAULT-VALUE}).")
    int events = 20;
    @Option(names = "--delay-ms", description = "Pause before each progress event in the push scenario (default ${DEFAULT-VALUE}).")
    long delayMs = 250;
    @Option(names = "--throughput-events", description = "Progress events per job, with no pause, in the throughput scenario (default ${DEFAULT-VALUE}).")
    int throughputEvents = 20;
    @Option(names = "--ack-submits", description = "Submits of the ack scenario (default ${DEFAULT-VALUE}).")
    int ackSubmits = 400;
    @Option(names = "--ack-in-flight", description = "Submits awaiting their accepted at once (default ${DEFAULT-VALUE}).")
    int ackInFlight = 8;
    @Option(names = "--open", description = "Connections of the connections and fan-out scenario (default ${DEFAULT-VALUE}).")
    int open = 10_000;
    @Option(names = "--handshakes-in-flight", description = "Handshakes under way at once; the local $connect runs 64 at a time (default ${DEFAULT-VALUE}).")
    int handshakesInFlight = 48;
    @Option(names = "--cold-start-runs", description = "Fresh JVMs per function (default ${DEFAULT-VALUE}); the median is reported.")
    int coldStartRuns = 5;
    @Option(names = "--quiet-seconds", description = "Count events lost after this long with no delivery (default ${DEFAULT-VALUE}).")
    int quietSeconds = 30;

    @Option(names = "--notifier-pollers", description = "Experiment: ScalingConfig.MaximumConcurrency of the notifier's event source in the runtime's template copy (default: as template.yaml, unset).")
    int notifierPollers;

    @Option(names = "--root", description = "The repository (default: the current directory).")
    Path root = Path.of("");
    @Option(names = "--out", description = "JSON results (default ${DEFAULT-VALUE}, under --root).")
    Path out = Path.of("bench", "target", "bench-results.json");
    @Option(names = "--runtime-classpath", description = "Class path of the runtime process (default ${DEFAULT-VALUE}).")
    String runtimeClasspath = "local/target/jobwire-local.jar:bench/target/jobwire-bench.jar";
    @Option(names = "--runtime-jvm-options", split = " ", description = "JVM options of the runtime process (default: bin/run's, ${DEFAULT-VALUE}).")
    List<String> runtimeJvmOptions = List.of("-XX:+UseSerialGC", "-Xss512k");

    private final Results results = new Results();

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true);
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("bench: " + e.getMessage());
            e.printStackTrace(cmd.getErr());
            return 1;
        });
        System.exit(command.execute(args));
    }

    private static void say(String line) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    }

    @Override
    public Integer call() throws Exception {
        Set<Scenario> scenarios = only == null ? EnumSet.allOf(Scenario.class) : EnumSet.copyOf(only);
        if (skip != null) {
            scenarios.removeAll(skip);
        }
        Path rootDir = root.toAbsolutePath().normalize();
        Path work = rootDir.resolve("bench").resolve("target").resolve("bench-work");
        Files.createDirectories(work);
        JsonObject json = results.json();
        json.add("machine", machine());
        json.addProperty("startedAt", Instant.now().toString());
        JsonArray ran = new JsonArray();
        scenarios.forEach(scenario -> ran.add(scenario.name().toLowerCase(Locale.ROOT)));
        json.add("scenarios", ran);

        RuntimeProcess runtime = null;
        Target target;
        if (wsUrl == null) {
            String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
            Path template = BenchTemplate.write(rootDir.resolve("template.yaml"), work, Math.max(50, jobs), 400,
                    notifierPollers);
            if (notifierPollers > 0) {
                results.note("experiment: the notifier's event source ran " + notifierPollers + " pollers (template: unset, 5 locally)");
                json.addProperty("notifierPollers", notifierPollers);
            }
            say("starting the local runtime: java " + String.join(" ", runtimeJvmOptions) + " -cp " + runtimeClasspath
                    + " dev.jobwire.local.Main --template " + rootDir.relativize(template));
            runtime = RuntimeProcess.start(rootDir, runtimeClasspath, template, secret, work.resolve("runtime.log"),
                    runtimeJvmOptions);
            say("runtime pid " + runtime.pid() + " at " + runtime.webSocketUrl() + " (log: " + rootDir.relativize(work.resolve("runtime.log")) + ")");
            target = Target.local(runtime.webSocketUrl(), runtime.managementEndpoint(), runtime);
            json.addProperty("target", "local runtime, separate process (" + String.join(" ", runtimeJvmOptions) + ")");
        } else {
            target = deployed();
            json.addProperty("target", wsUrl.toString());
        }
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            clients.add(HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2, daemon("ws-client"))).build());
        }
        try {
            if (scenarios.contains(Scenario.ACK) || scenarios.contains(Scenario.PUSH)
                    || scenarios.contains(Scenario.THROUGHPUT)) {
                pushFamily(target, clients, scenarios);
            }
            if (scenarios.contains(Scenario.CONNECTIONS)) {
                connections(target, clients);
            }
            if (scenarios.contains(Scenario.COLDSTART)) {
                coldStart(target, clients, work, rootDir);
            }
        } finally {
            if (runtime != null) {
                say("stopping the runtime");
                runtime.close();
            }
        }
        json.addProperty("finishedAt", Instant.now().toString());
        json.addProperty("loadAverageAtEnd", loadAverage());
        JsonObject document = results.finish();
        Path outFile = rootDir.resolve(out);
        Files.createDirectories(outFile.toAbsolutePath().getParent());
        Files.writeString(outFile, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(document));
        System.out.println();
        System.out.print(results.table());
        System.out.println("load average (1/5/15 min) at start " + json.getAsJsonObject("machine").get("loadAverageAtStart")
                .getAsString() + ", at end " + json.get("loadAverageAtEnd").getAsString() + " on "
                + Runtime.getRuntime().availableProcessors() + " processors");
        System.out.println();
        say("results written to " + outFile);
        return 0;
    }

    private Target deployed() {
        if (token == null && tokenUrl == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--ws-url needs --token or --token-url");
        }
        if (token != null) {
            return new Target(wsUrl, user -> token, managementEndpoint, null, null, "the --token user");
        }
        return new Target(wsUrl, user -> Target.tokenFrom(tokenUrl, user), managementEndpoint, null, null, null);
    }

    private void pushFamily(Target target, List<HttpClient> clients, Set<Scenario> scenarios) throws InterruptedException {
        int users = Math.max(1, connections / connectionsPerUser);
        String prefix = "push-" + Long.toString(System.nanoTime(), 36) + "-u";
        say("opening " + connections + " connections for " + users + " users");
        BenchSocket.Opened opened = BenchSocket.open(clients, target.webSocketUrl(), target.tokens(),
                i -> prefix + (i % users), connections, handshakesInFlight);
        say(String.format(Locale.ROOT, "opened in %.1f s", opened.elapsed().toMillis() / 1000.0));
        Duration quiet = Duration.ofSeconds(quietSeconds);
        List<BenchSocket> sockets = opened.sockets();
        try {
            boolean echo = echoAvailable(sockets);
            if (!echo) {
                results.note("the stack has no echo route: floors are not measured (deploy bench's EchoHandler on route 'echo')");
            }
            warmUp(target, sockets, echo);
            if (scenarios.contains(Scenario.ACK)) {
                say("ack: " + ackSubmits + " submits, " + ackInFlight + " in flight");
                int perStream = Math.max(1, ackSubmits / ackInFlight);
                PushScenario.Result ack = PushScenario.jobs(target, sockets,
                        new PushScenario.Settings(ackSubmits, 1, 0, ackInFlight, quiet));
                PushScenario.Result floor = echo ? PushScenario.echo(target, sockets,
                        new PushScenario.Settings(ackInFlight, Math.max(1, perStream - 1), 0, 1, quiet)) : null;
                results.json().add("ack", resultJson(ack, floor));
                results.row("ack", "submit → accepted p50", "ms", ack.roundTrip().p50(),
                        floor == null ? Double.NaN : floor.roundTrip().p50(), null);
                results.row("ack", "submit → accepted p99", "ms", ack.roundTrip().p99(),
                        floor == null ? Double.NaN : floor.roundTrip().p99(), null);
                integrity("ack", ack);
            }
            if (scenarios.contains(Scenario.PUSH)) {
                say(String.format(Locale.ROOT, "push: %d jobs × %d events, %d ms apart, over %d connections (%d per user)",
                        jobs, events, delayMs, connections, connectionsPerUser));
                PushScenario.Settings settings = new PushScenario.Settings(jobs, events, delayMs, 32, quiet);
                PushScenario.Result push = PushScenario.jobs(target, sockets, settings);
                PushScenario.Result floor = echo ? PushScenario.echo(target, sockets, settings) : null;
                results.json().add("push", resultJson(push, floor));
                Latencies.Summary p = push.counts().latency();
                Latencies.Summary f = floor == null ? null : floor.counts().latency();
                results.row("push", "at → receipt p50", "ms", p.p50(), f == null ? Double.NaN : f.p50(),
                        Results.atMost("≤ 5 ms", 5));
                results.row("push", "at → receipt p90", "ms", p.p90(), f == null ? Double.NaN : f.p90(), null);
                results.row("push", "at → receipt p99", "ms", p.p99(), f == null ? Double.NaN : f.p99(),
                        Results.atMost("≤ 25 ms", 25));
                results.row("push", "at → receipt p99.9", "ms", p.p999(), f == null ? Double.NaN : f.p999(), null);
                results.row("push", "at → receipt max", "ms", p.max(), f == null ? Double.NaN : f.max(), null);
                results.row("push", "delivered events/s", "1/s", push.counts().perSecond(),
                        f == null ? Double.NaN : floor.counts().perSecond(), null);
                integrity("push", push);
            }
            if (scenarios.contains(Scenario.THROUGHPUT)) {
                say(String.format(Locale.ROOT, "throughput: %d jobs × %d events, no pause", jobs, throughputEvents));
                PushScenario.Settings settings = new PushScenario.Settings(jobs, throughputEvents, 0, 32, quiet);
                PushScenario.Result push = PushScenario.jobs(target, sockets, settings);
                PushScenario.Result floor = echo ? PushScenario.echo(target, sockets, settings) : null;
                results.json().add("throughput", resultJson(push, floor));
                results.row("throughput", "delivered events/s", "1/s", push.counts().perSecond(),
                        floor == null ? Double.NaN : floor.counts().perSecond(), Results.atLeast("≥ 5,000/s", 5000));
                results.row("throughput", "at → receipt p50", "ms", push.counts().latency().p50(),
                        floor == null ? Double.NaN : floor.counts().latency().p50(), null);
                results.row("throughput", "at → receipt p99", "ms", push.counts().latency().p99(),
                        floor == null ? Double.NaN : floor.counts().latency().p99(), null);
                integrity("throughput", push);
            }
        } finally {
            say("closing " + sockets.size() + " connections");
            BenchSocket.closeAll(sockets);
        }
    }

    /** A few jobs and echoes first, so that neither side's first-call costs land in the measurements. */
    private void warmUp(Target target, List<BenchSocket> sockets, boolean echo) throws InterruptedException {
        say("warming up");
        PushScenario.Settings settings = new PushScenario.Settings(Math.min(jobs, 50), 5, 0, 16, Duration.ofSeconds(10));
        PushScenario.jobs(target, sockets, settings);
        if (echo) {
            PushScenario.echo(target, sockets, settings);
        }
    }

    private static boolean echoAvailable(List<BenchSocket> sockets) throws InterruptedException {
        java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
        sockets.get(0).receiver((socket, text, at) -> reply.complete(text));
        sockets.get(0).send("{\"action\":\"echo\",\"jobId\":\"probe\",\"seq\":1,\"sentMicros\":0}");
        try {
            String text = reply.get(10, java.util.concurrent.TimeUnit.SECONDS);
            JsonObject frame = PushScenario.parse(text);
            return frame != null && EchoHandler.TYPE.equals(PushScenario.string(frame, "type"));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } finally {
            sockets.get(0).receiver((socket, text, at) -> { });
        }
    }

    private void integrity(String scenario, PushScenario.Result result) {
        DeliveryLedger.Counts counts = result.counts();
        results.row(scenario, "lost / duplicated / out of order", "events",
                counts.lost() + counts.duplicates() + counts.outOfOrder(), Double.NaN, Results.atMost("0", 0));
        if (result.failedJobs() > 0 || result.gatewayErrors() > 0) {
            results.note(scenario + ": " + result.failedJobs() + " jobs failed, " + result.gatewayErrors()
                    + " error frames");
        }
        say(String.format(Locale.ROOT, "%s: %d/%d delivered, lost %d, duplicated %d, out of order %d, p50 %.2f ms, p99 %.2f ms, %.0f/s",
                scenario, counts.received(), counts.expected(), counts.lost(), counts.duplicates(), counts.outOfOrder(),
                counts.latency().p50(), counts.latency().p99(), counts.perSecond()));
    }

    private void connections(Target target, List<HttpClient> clients) throws InterruptedException {
        String user = "fan-" + Long.toString(System.nanoTime(), 36);
        ConnectionsScenario.Result result = ConnectionsScenario.run(target, clients, open, handshakesInFlight, user,
                Duration.ofSeconds(Math.max(60, quietSeconds)), Bench::say);
        JsonObject json = new JsonObject();
        json.addProperty("connections", result.connections());
        Results.number(json, "openSeconds", result.openTime().toMillis() / 1000.0);
        Results.number(json, "connectsPerSecond", result.connectsPerSecond());
        json.addProperty("handshakeRetries", result.handshakeRetries());
        json.add("runtimeBefore", memoryJson(result.before()));
        json.add("runtimeAfter", memoryJson(result.after()));
        Results.number(json, "heapBytesPerConnection", result.heapBytesPerConnection());
        Results.number(json, "residentBytesPerConnection", result.residentBytesPerConnection());
        json.add("fanOut", fanOutJson(result.fanOut()));
        if (result.floor() != null) {
            json.add("fanOutFloor", fanOutJson(result.floor()));
        }
        results.json().add("connections", json);
        results.row("connections", "open connections", "count", result.connections(), Double.NaN,
                Results.atLeast("≥ 10,000", 10_000));
        results.row("connections", "connect rate", "1/s", result.connectsPerSecond(), Double.NaN, null);
        results.row("connections", "runtime heap per connection", "KB", result.heapBytesPerConnection() / 1024,
                Double.NaN, Results.atMost("≤ 20 KB", 20));
        results.row("connections", "runtime RSS per connection", "KB", result.residentBytesPerConnection() / 1024,
                Double.NaN, null);
        ConnectionsScenario.FanOut floor = result.floor();
        results.row("fan-out", "at → last receipt", "ms", result.fanOut().lastReceiptMs(),
                floor == null ? Double.NaN : floor.lastReceiptMs(), null);
        results.row("fan-out", "at → receipt p50", "ms", result.fanOut().latency().p50(),
                floor == null ? Double.NaN : floor.latency().p50(), null);
        results.row("fan-out", "connections reached", "count", result.fanOut().received(),
                floor == null ? Double.NaN : floor.received(), Results.atLeast("all " + open, open));
        if (target.runtime() == null) {
            results.note("connections: the runtime's memory is measured only when the bench starts it");
        }
    }

    private void coldStart(Target target, List<HttpClient> clients, Path work, Path rootDir)
            throws IOException, InterruptedException {
        if (target.runtime() == null || target.devEndpoint() == null) {
            results.note("cold start runs against the local runtime only: skipped");
            return;
        }
        say("cold start: " + coldStartRuns + " fresh JVMs per function");
        String user = "cold-" + Long.toString(System.nanoTime(), 36);
        BenchSocket.Opened opened = BenchSocket.open(clients, target.webSocketUrl(), target.tokens(), i -> user, 1, 1);
        try {
            String connectionId = target.connectionIds(user).get(0);
            List<ColdStartScenario.Result> coldStarts = new ColdStartScenario(rootDir, work.resolve("coldstart"),
                    target.managementEndpoint()).run(coldStartRuns, user, connectionId);
            JsonArray array = new JsonArray();
            for (ColdStartScenario.Result result : coldStarts) {
                array.add(ColdStartScenario.toJson(result));
                String name = result.function().module;
                results.row("cold start", name + ": JVM start → response", "ms",
                        result.median(ColdStartScenario.Launch::respondedMs), Double.NaN, Results.atMost("≤ 1,000 ms", 1000));
                results.row("cold start", name + ": jar size", "MB", result.jarBytes() / 1_000_000.0, Double.NaN,
                        Results.atMost("≤ 10 MB", 10));
            }
            results.json().add("coldStart", array);
        } finally {
            BenchSocket.closeAll(opened.sockets());
        }
    }

    private static JsonObject resultJson(PushScenario.Result result, PushScenario.Result floor) {
        JsonObject json = scenarioJson(result);
        if (floor != null) {
            json.add("floor", scenarioJson(floor));
        }
        return json;
    }

    private static JsonObject scenarioJson(PushScenario.Result result) {
        JsonObject json = new JsonObject();
        PushScenario.Settings settings = result.settings();
        json.addProperty("jobs", settings.jobs());
        json.addProperty("events", settings.events());
        json.addProperty("delayMs", settings.delayMs());
        json.addProperty("connections", result.connections());
        json.addProperty("users", result.users());
        DeliveryLedger.Counts counts = result.counts();
        json.addProperty("expected", counts.expected());
        json.addProperty("received", counts.received());
        json.addProperty("lost", counts.lost());
        json.addProperty("duplicated", counts.duplicates());
        json.addProperty("outOfOrder", counts.outOfOrder());
        Results.number(json, "deliveredPerSecond", counts.perSecond());
        json.add("latency", counts.latency().toJson());
        json.add("roundTrip", result.roundTrip().toJson());
        json.addProperty("failedJobs", result.failedJobs());
        json.addProperty("errorFrames", result.gatewayErrors());
        Results.number(json, "elapsedSeconds", result.elapsed().toMillis() / 1000.0);
        return json;
    }

    private static JsonObject memoryJson(ConnectionsScenario.Memory memory) {
        JsonObject json = new JsonObject();
        json.addProperty("heapBytesAfterGc", memory.heapBytes());
        json.addProperty("residentBytes", memory.residentBytes());
        json.addProperty("threads", memory.threads());
        return json;
    }

    private static JsonObject fanOutJson(ConnectionsScenario.FanOut fanOut) {
        JsonObject json = new JsonObject();
        json.addProperty("connections", fanOut.connections());
        json.addProperty("received", fanOut.received());
        json.addProperty("duplicated", fanOut.duplicates());
        Results.number(json, "lastReceiptMs", fanOut.lastReceiptMs());
        json.add("latency", fanOut.latency().toJson());
        return json;
    }

    private static JsonObject machine() {
        JsonObject json = new JsonObject();
        json.addProperty("processors", Runtime.getRuntime().availableProcessors());
        try {
            String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", "");
            Results.number(json, "memoryGiB", Long.parseLong(total) / 1024.0 / 1024.0);
        } catch (IOException | RuntimeException e) {
            json.addProperty("memoryGiB", "unknown");
        }
        json.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        json.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        json.addProperty("loadAverageAtStart", loadAverage());
        return json;
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute figures: other work on the machine skews every timing. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
