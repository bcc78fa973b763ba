package dev.jobwire.test.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code jobwire} command, run as a separate process against the local runtime: what a
 * developer and a script see, with the exit codes they rely on.
 */
class CliEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalRuntime runtime;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startRuntime() throws Exception {
        runtime = LocalRuntime.start(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(Path.of("..", "template.yaml"))
                .withWebappDir(Path.of("..", "webapp")), line -> { });
    }

    @AfterAll
    static void stopRuntime() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static String url() {
        return runtime.webSocketUrl().toString();
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void submitWait_jobSucceeds_showsEveryStepAndExitsZero() throws Exception {
        CliProcess cli = CliProcess.run("submit", "demo.sleep", "--input", "{\"steps\":3,\"delayMs\":50}", "--wait",
                "--url", url(), "--user", user("ok"));

        assertThat(cli.exitCode()).as(cli.describe()).isZero();
        assertThat(cli.stdout).as(cli.describe()).hasSize(4);
        assertThat(cli.stdout.get(0)).contains("#1 progress").contains("step 1 of 3").contains("(attempt 1)");
        assertThat(cli.stdout.get(3)).contains("#4 succeeded").contains("\"steps\":3");
        assertThat(cli.stderr).as(cli.describe()).anySatisfy(line -> assertThat(line).contains("accepted"));
    }

    @Test
    void submitWait_onATerminal_redrawsAProgressBarWithPercentElapsedTimeAndAttempt() throws Exception {
        CliProcess cli = CliProcess.onTerminal("submit", "demo.sleep", "--input", "{\"steps\":3,\"delayMs\":300}",
                "--wait", "--url", url(), "--user", user("tty"));

        assertThat(cli.awaitExit()).as(cli.describe()).isZero();
        // Each redraw returns the cursor and erases the line (the reader splits lines at the \r).
        String screen = String.join("\n", cli.stdout);
        assertThat(screen).as(cli.describe())
                .contains("\u001b[K[#########---------------------]  33%  00:0")
                .contains("attempt 1  step 1 of 3")
                .contains("100%")
                .contains("#4 succeeded");
    }

    @Test
    void submitWait_jobFails_exitsOneWithTheError() throws Exception {
        CliProcess cli = CliProcess.run("submit", "demo.fail", "--input", "{\"failAfterSteps\":1,\"delayMs\":10}",
                "--wait", "--url", url(), "--user", user("fail"));

        assertThat(cli.exitCode()).as(cli.describe()).isEqualTo(1);
        assertThat(cli.stdout.get(cli.stdout.size() - 1)).as(cli.describe())
                .contains("failed").contains("demo_failure");
    }

    @Test
    void submitWaitJson_everyLineIsOneJsonObjectAndTheEventsRunOneToN() throws Exception {
        CliProcess cli = CliProcess.run("submit", "demo.sleep", "--input", "{\"steps\":5,\"delayMs\":20}", "--wait",
                "--json", "--url", url(), "--user", user("json"));

        assertThat(cli.exitCode()).as(cli.describe()).isZero();
        List<JsonObject> lines = new ArrayList<>();
        for (String line : cli.stdout) {
            JsonElement parsed = JsonParser.parseString(line);
            assertThat(parsed.isJsonObject()).as("line %s", line).isTrue();
            lines.add(parsed.getAsJsonObject());
        }
        assertThat(lines.get(0).get("type").getAsString()).isEqualTo("accepted");
        String jobId = lines.get(0).get("jobId").getAsString();
        List<JsonObject> events = lines.subList(1, lines.size());
        assertThat(events).allSatisfy(event -> assertThat(event.get("jobId").getAsString()).isEqualTo(jobId));
        assertThat(events.stream().map(event -> event.get("seq").getAsLong()))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 6).boxed().toList());
        assertThat(events.stream().map(event -> event.get("type").getAsString()))
                .containsExactly("progress", "progress", "progress", "progress", "progress", "succeeded");
        assertThat(events.get(4).get("percent").getAsInt()).isEqualTo(100);
    }

    @Test
    void watch_afterTheServerDropsItsConnection_reconnectsAndEndsWithEveryEventOnce() throws Exception {
        String user = user("watch");
        CliProcess submit = CliProcess.run("submit", "demo.sleep", "--input", "{\"steps\":20,\"delayMs\":300}",
                "--url", url(), "--user", user);
        assertThat(submit.exitCode()).as(submit.describe()).isZero();
        String jobId = submit.stdout.get(0).strip();
        await().atMost(WAIT).until(() -> connections(user).isEmpty());

        CliProcess watch = CliProcess.start("watch", jobId, "--json", "--url", url(), "--user", user);
        try {
            await().atMost(WAIT).until(() -> !watch.stdout.isEmpty());
            List<JsonObject> live = connections(user);
            assertThat(live).hasSize(1);
            String connectionId = live.get(0).get("connectionId").getAsString();
            HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(
                            runtime.managementEndpoint() + "/@connections/" + URLEncoder.encode(connectionId,
                                    StandardCharsets.UTF_8))).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
            int shownBeforeTheDrop = watch.stdout.size();
            assertThat(shownBeforeTheDrop).as("the drop came before the end of the job").isLessThan(21);

            assertThat(watch.awaitExit()).as(watch.describe()).isZero();
        } finally {
            watch.kill();
        }
        List<Long> seqs = watch.stdout.stream()
                .map(line -> JsonParser.parseString(line).getAsJsonObject().get("seq").getAsLong()).toList();
        assertThat(seqs).as(watch.describe()).containsExactlyElementsOf(LongStream.rangeClosed(1, 21).boxed().toList());
        assertThat(watch.stdout.get(20)).contains("\"type\":\"succeeded\"");
        assertThat(String.join("\n", watch.stderr)).contains("connection lost").contains("reconnected");
    }

    @Test
    void watch_afterSeq_showsOnlyLaterEvents() throws Exception {
        String user = user("after");
        CliProcess submit = CliProcess.run("submit", "demo.sleep", "--input", "{\"steps\":3,\"delayMs\":10}", "--wait",
                "--json", "--url", url(), "--user", user);
        String jobId = JsonParser.parseString(submit.stdout.get(0)).getAsJsonObject().get("jobId").getAsString();

        CliProcess watch = CliProcess.run("watch", jobId, "--after-seq", "2", "--plain", "--url", url(), "--user", user);

        assertThat(watch.exitCode()).as(watch.describe()).isZero();
        assertThat(watch.stdout).hasSize(2);
        assertThat(watch.stdout.get(0)).contains("#3 progress");
        assertThat(watch.stdout.get(1)).contains("#4 succeeded");
    }

    @Test
    void connections_listsLiveConnectionsWithTotalsAndFlagsStaleOnes() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        List<WebSocket> sockets = List.of(connect(alice, "agent-one"), connect(alice, "agent-two"), connect(bob, "agent-three"));
        try {
            await().atMost(WAIT).until(() -> connections(alice).size() == 2 && connections(bob).size() == 1);

            CliProcess fresh = CliProcess.run("connections", "--user", alice, "--json", "--url", url());
            assertThat(fresh.exitCode()).as(fresh.describe()).isZero();
            JsonObject report = JsonParser.parseString(String.join("", fresh.stdout)).getAsJsonObject();
            JsonArray rows = report.getAsJsonArray("connections");
            assertThat(rows).hasSize(2);
            for (JsonElement row : rows) {
                JsonObject connection = row.getAsJsonObject();
                assertThat(connection.get("userId").getAsString()).isEqualTo(alice);
                assertThat(connection.get("stale").getAsBoolean()).as("a fresh connection is not stale").isFalse();
                assertThat(connection.get("sourceIp").getAsString()).isEqualTo("127.0.0.1");
                assertThat(connection.get("userAgent").getAsString()).startsWith("agent-");
            }
            assertThat(report.getAsJsonArray("totals").get(0).getAsJsonObject().get("connections").getAsInt())
                    .isEqualTo(2);

            CliProcess stale = CliProcess.run("connections", "--older-than", "0s", "--url", url());
            assertThat(stale.exitCode()).as(stale.describe()).isZero();
            String text = String.join("\n", stale.stdout);
            assertThat(stale.stdout.get(0)).startsWith("CONNECTION ID").contains("USER", "CONNECTED AT",
                    "LAST ACTIVE", "AGE", "SOURCE IP", "USER AGENT", "STALE");
            assertThat(stale.stdout).filteredOn(line -> line.contains(alice) || line.contains(bob))
                    .filteredOn(line -> line.contains("agent-"))
                    .hasSize(3)
                    .allSatisfy(line -> assertThat(line).contains("STALE: older than 0s"));
            assertThat(text).containsPattern("(?m)^" + alice + " +2 +2$").containsPattern("(?m)^" + bob + " +1 +1$");
        } finally {
            sockets.forEach(WebSocket::abort);
        }
    }

    @Test
    void badToken_exitsFourWithOneLine() throws Exception {
        CliProcess cli = CliProcess.run("ping", "--token", "not-a-jwt", "--url", url());

        assertThat(cli.exitCode()).as(cli.describe()).isEqualTo(4);
        assertThat(cli.stdout).isEmpty();
        assertThat(cli.stderr).as(cli.describe()).hasSize(1);
        assertThat(cli.stderr.get(0)).startsWith("jobwire: ").contains("rejected the token").contains("401");
    }

    @Test
    void refusedConnection_exitsFourWithOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliProcess cli = CliProcess.run("submit", "demo.sleep", "--wait", "--token", "t",
                "--url", "ws://127.0.0.1:" + closedPort + "/local");

        assertThat(cli.exitCode()).as(cli.describe()).isEqualTo(4);
        assertThat(cli.stderr).as(cli.describe()).containsExactly(
                "jobwire: connection refused by 127.0.0.1:" + closedPort + " (is the server running?)");
    }

    @Test
    void unknownJob_exitsTwoWithOneLine() throws Exception {
        CliProcess cli = CliProcess.run("status", "01NOSUCHJOBNOSUCHJOBNOSUCH", "--url", url(), "--user", user("nobody"));

        assertThat(cli.exitCode()).as(cli.describe()).isEqualTo(2);
        assertThat(cli.stderr).as(cli.describe()).containsExactly(
                "jobwire: unknown job 01NOSUCHJOBNOSUCHJOBNOSUCH: no such job for this user");
    }

    @Test
    void cancelWait_runningJob_endsCancelledWithExitThree() throws Exception {
        String user = user("cancel");
        CliProcess submit = CliProcess.run("submit", "demo.sleep", "--input", "{\"steps\":100,\"delayMs\":200}",
                "--url", url(), "--user", user);
        assertThat(submit.exitCode()).as(submit.describe()).isZero();
        String jobId = submit.stdout.get(0).strip();

        CliProcess cancel = CliProcess.run("cancel", jobId, "--wait", "--plain", "--url", url(), "--user", user);

        assertThat(cancel.exitCode()).as(cancel.describe()).isEqualTo(3);
        assertThat(cancel.stdout.get(0)).isEqualTo("cancelling " + jobId);
        assertThat(cancel.stdout.get(cancel.stdout.size() - 1)).contains("cancelled");

        CliProcess status = CliProcess.run("status", jobId, "--json", "--url", url(), "--user", user);
        assertThat(JsonParser.parseString(status.stdout.get(0)).getAsJsonObject().get("status").getAsString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void token_printsADevelopmentTokenThatPingAccepts() throws Exception {
        CliProcess token = CliProcess.run("token", "--user", user("tok"), "--url", url());
        assertThat(token.exitCode()).as(token.describe()).isZero();
        assertThat(token.stdout).hasSize(1);
        assertThat(token.stdout.get(0).split("\\.")).hasSize(3);

        CliProcess ping = CliProcess.run("ping", "--count", "2", "--token", token.stdout.get(0), "--url", url());

        assertThat(ping.exitCode()).as(ping.describe()).isZero();
        assertThat(ping.stdout).hasSize(2).allSatisfy(line ->
                assertThat(line).startsWith("pong from " + url()).contains("round trip").contains("ms"));
    }

    @Test
    void launcherScript_runsThePackagedJar() throws Exception {
        CliProcess cli = CliProcess.launcher("ping", "--json", "--url", url(), "--user", user("launcher"));

        assertThat(cli.awaitExit()).as(cli.describe()).isZero();
        JsonObject line = JsonParser.parseString(cli.stdout.get(0)).getAsJsonObject();
        assertThat(line.get("roundTripMs").getAsDouble()).isPositive();
    }

    private static WebSocket connect(String user, String userAgent) throws Exception {
        URI uri = URI.create(url() + "?token=" + URLEncoder.encode(runtime.devToken(user), StandardCharsets.UTF_8));
        return HTTP.newWebSocketBuilder().header("User-Agent", userAgent)
                .buildAsync(uri, new WebSocket.Listener() { })
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static List<JsonObject> connections(String user) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(runtime.managementEndpoint() + "/_dev/connections")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonObject> result = new ArrayList<>();
        for (JsonElement item : JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("connections")) {
            if (user.equals(item.getAsJsonObject().get("userId").getAsString())) {
                result.add(item.getAsJsonObject());
            }
        }
        return result;
    }
}
