package dev.jobwire.test.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import dev.jobwire.local.chaos.Chaos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * jobwire's promise under injected faults: 10 % of pushes answered 429 or 500, 5 % of job attempts
 * killed mid-job, and 20 % of clients losing their connection mid-job and resuming on a new one.
 * Afterwards every client holds every event of every job of its user exactly once, in seq order
 * without gaps, and every job has exactly one terminal event, its last.
 */
class ChaosTest {
    static final int USERS = 10;
    static final int CLIENTS_PER_USER = 5;
    static final int JOBS_PER_USER = 10;
    static final int STEPS = 20;

    @Test
    void everyClientGetsEveryEventOnceInOrder_andEveryJobEndsOnce() throws Exception {
        Chaos chaos = new Chaos(0.10, 0.05, 0, 20261125L);
        Queue<String> runtimeLog = new ConcurrentLinkedQueue<>();
        try (LocalRuntime runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Templates.REAL)
                .withRetryFailedAfter(Duration.ofSeconds(1)).withChaos(chaos), runtimeLog::add)) {
            Random random = new Random(7);
            Map<String, List<ResumingClient>> clients = new LinkedHashMap<>();
            Map<String, Set<String>> jobsOfUser = new ConcurrentHashMap<>();
            for (int u = 0; u < USERS; u++) {
                String user = DevApi.uniqueUser("chaos");
                List<ResumingClient> ofUser = new ArrayList<>();
                for (int c = 0; c < CLIENTS_PER_USER; c++) {
                    ofUser.add(new ResumingClient(runtime.webSocketUrl(), runtime.devToken(user)));
                }
                clients.put(user, ofUser);
                jobsOfUser.put(user, ConcurrentHashMap.newKeySet());
            }
            // Every user's jobs are on the way before anyone drops: each submit waits for its accepted frame.
            for (var entry : clients.entrySet()) {
                for (int j = 0; j < JOBS_PER_USER; j++) {
                    WsClient submitter = entry.getValue().get(j % CLIENTS_PER_USER).socket();
                    String requestId = "job-" + j;
                    submitter.send("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"requestId\":\"" + requestId
                            + "\",\"input\":{\"steps\":" + STEPS + ",\"delayMs\":40}}");
                    JsonObject accepted = submitter.await(f -> f.has("type") && f.get("type").getAsString().equals("accepted")
                            && f.get("requestId").getAsString().equals(requestId));
                    jobsOfUser.get(entry.getKey()).add(accepted.get("jobId").getAsString());
                }
            }
            List<ResumingClient> all = clients.values().stream().flatMap(List::stream).toList();
            List<ResumingClient> droppers = new ArrayList<>(all);
            Collections.shuffle(droppers, random);
            droppers = droppers.subList(0, all.size() / 5);
            for (ResumingClient dropper : droppers) {
                String user = userOf(clients, dropper);
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> jobsOfUser.get(user).stream().anyMatch(id -> !dropper.events(id).isEmpty()));
                dropper.dropAndResume(jobsOfUser.get(user));
            }

            try {
                Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).until(() ->
                        clients.entrySet().stream().allMatch(e -> e.getValue().stream().allMatch(client ->
                                jobsOfUser.get(e.getKey()).stream().allMatch(client::hasEnded))));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                StringBuilder unfinished = new StringBuilder();
                for (var entry : clients.entrySet()) {
                    for (int c = 0; c < entry.getValue().size(); c++) {
                        ResumingClient client = entry.getValue().get(c);
                        for (String jobId : jobsOfUser.get(entry.getKey())) {
                            if (!client.hasEnded(jobId)) {
                                unfinished.append("\n  ").append(entry.getKey()).append(" client ").append(c)
                                        .append(" job ").append(jobId).append(": ").append(client.describe(jobId));
                            }
                        }
                    }
                }
                Path logFile = Path.of("target", "chaos-runtime.log");
                Files.write(logFile, runtimeLog);
                throw new AssertionError("clients without the end of every job (runtime log in " + logFile + "):"
                        + unfinished, e);
            }

            long events = 0;
            int duplicates = 0;
            int outOfOrder = 0;
            int reconnects = 0;
            int holeResumes = 0;
            int refusedResumes = 0;
            int attemptsAfterTheFirst = 0;
            for (var entry : clients.entrySet()) {
                for (String jobId : jobsOfUser.get(entry.getKey())) {
                    List<JsonObject> reference = entry.getValue().get(0).events(jobId);
                    for (ResumingClient client : entry.getValue()) {
                        List<JsonObject> seen = client.events(jobId);
                        for (int i = 0; i < seen.size(); i++) {
                            assertThat(seen.get(i).get("seq").getAsLong()).isEqualTo(i + 1);
                        }
                        assertThat(seen.stream().filter(ResumingClient::isTerminal)).hasSize(1);
                        assertThat(ResumingClient.isTerminal(seen.get(seen.size() - 1))).isTrue();
                        assertThat(seen).isEqualTo(reference);
                        events += seen.size();
                    }
                    attemptsAfterTheFirst += (int) reference.stream()
                            .filter(e -> e.has("attempt") && e.get("attempt").getAsInt() > 1).count();
                    assertThat(reference.get(reference.size() - 1).get("type").getAsString()).isEqualTo("succeeded");
                }
                for (ResumingClient client : entry.getValue()) {
                    duplicates += client.duplicates();
                    outOfOrder += client.outOfOrder();
                    reconnects += client.reconnects();
                    holeResumes += client.holeResumes();
                    refusedResumes += client.refusedResumes();
                    assertThat(client.problems()).isEmpty();
                    client.close();
                }
            }
            System.out.printf("chaos: %d users, %d clients, %d jobs, %d events checked at clients; %d reconnects, "
                            + "%d duplicates dropped, %d early arrivals held, %d resumes after a missed event, "
                            + "%d resumes sent again after a refused replay, %d progress events from retried attempts%n",
                    USERS, all.size(), USERS * JOBS_PER_USER, events, reconnects, duplicates, outOfOrder, holeResumes,
                    refusedResumes, attemptsAfterTheFirst);
            assertThat(reconnects).isEqualTo(all.size() / 5);
            assertThat(events).isGreaterThanOrEqualTo((long) USERS * CLIENTS_PER_USER * JOBS_PER_USER * (STEPS + 1));
        }
    }

    private static String userOf(Map<String, List<ResumingClient>> clients, ResumingClient client) {
        return clients.entrySet().stream().filter(e -> e.getValue().contains(client)).findFirst().orElseThrow().getKey();
    }
}
