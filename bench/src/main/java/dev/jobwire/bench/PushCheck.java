package dev.jobwire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The push scenario on its own, for a runtime the caller started (the tests' smoke run): opens the
 * connections, runs the jobs, counts what every connection of each owner received, closes the
 * connections. Timing is measured but not returned: a smoke run proves delivery, not speed.
 */
public final class PushCheck {
    private PushCheck() {
    }

    /**
     * What the connections received against what they should have.
     *
     * @param expected      (jobId, seq) pairs owed, summed over every connection of each job's owner
     * @param received      distinct pairs that arrived
     * @param lost          pairs that never arrived
     * @param duplicates    pairs that arrived more than once at the same connection
     * @param outOfOrder    pairs that arrived after a higher seq of the same job at the same connection
     * @param failedJobs    jobs that ended other than {@code succeeded}
     * @param gatewayErrors error frames received
     */
    public record Outcome(long expected, long received, long lost, long duplicates, long outOfOrder, long failedJobs,
                          long gatewayErrors) {
    }

    /**
     * @param tokens             a token for a user name
     * @param connections        connections to open
     * @param connectionsPerUser connections sharing each user, so each event reaches that many
     * @param jobs               concurrent {@code demo.sleep} jobs
     * @param events             progress events per job
     * @param delayMs            pause before each event
     */
    public static Outcome run(URI webSocketUrl, Function<String, String> tokens, int connections,
                              int connectionsPerUser, int jobs, int events, long delayMs) throws InterruptedException {
        Objects.requireNonNull(webSocketUrl, "webSocketUrl");
        Objects.requireNonNull(tokens, "tokens");
        if (connections < 1 || connectionsPerUser < 1) {
            throw new IllegalArgumentException("connections and connectionsPerUser must be >= 1");
        }
        Target target = new Target(webSocketUrl, tokens, null, null, null, null);
        int users = Math.max(1, connections / connectionsPerUser);
        String prefix = "check-" + Long.toString(System.nanoTime(), 36) + "-u";
        HttpClient client = HttpClient.newHttpClient();
        BenchSocket.Opened opened = BenchSocket.open(List.of(client), webSocketUrl, tokens, i -> prefix + (i % users),
                connections, 8);
        try {
            PushScenario.Result result = PushScenario.jobs(target, opened.sockets(),
                    new PushScenario.Settings(jobs, events, delayMs, 8, Duration.ofSeconds(20)));
            DeliveryLedger.Counts counts = result.counts();
            return new Outcome(counts.expected(), counts.received(), counts.lost(), counts.duplicates(),
                    counts.outOfOrder(), result.failedJobs(), result.gatewayErrors());
        } finally {
            BenchSocket.closeAll(opened.sockets());
        }
    }
}
