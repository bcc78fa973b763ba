package dev.jobwire.cli;

import static dev.jobwire.cli.FakeTransport.event;
import static dev.jobwire.cli.FakeTransport.resumed;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MainTest {
    private static final String JOB = "01JOBJOBJOBJOBJOBJOBJOBJOB";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(FakeTransport transport, String... args) {
        return Main.run(new JobwireCommand(timeout -> transport), args, new PrintWriter(out), new PrintWriter(err));
    }

    private static FakeTransport jobThatEndsWith(String terminal) {
        return new FakeTransport().then((session, message) -> {
            String action = message.get("action").getAsString();
            if (action.equals("submit")) {
                JsonObject accepted = new JsonObject();
                accepted.addProperty("type", "accepted");
                accepted.addProperty("jobId", JOB);
                accepted.addProperty("status", "QUEUED");
                accepted.addProperty("requestId", message.get("requestId").getAsString());
                session.push(accepted);
            } else if (action.equals("resume")) {
                session.push(event(JOB, 1, "progress"));
                session.push(resumed(JOB, 1, "RUNNING", message.get("requestId").getAsString()));
                session.push(event(JOB, 1, "progress"));
                session.push(event(JOB, 2, "progress"));
                session.push(event(JOB, 3, terminal));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "submit", "watch", "status", "cancel", "jobs", "token", "connections", "ping"})
    void help_onEveryCommand_printsUsageAndExitCodes(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};

        int code = run(new FakeTransport(), args);

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: jobwire" + (command.isEmpty() ? "" : " " + command))
                .contains("Exit codes:").contains("4   connection or authentication error");
    }

    @Test
    void submitWait_jobSucceeds_printsOneLinePerEventOnceAndExitsZero() {
        int code = run(jobThatEndsWith("succeeded"), "submit", "demo.sleep", "--input", "{\"steps\":2}", "--wait",
                "--token", "t");

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("#1 progress").contains("step 1").contains("(attempt 1)");
        assertThat(lines.get(2)).contains("#3 succeeded").contains("{\"ok\":true}");
        assertThat(err.toString()).contains("job " + JOB + " accepted");
    }

    @Test
    void submitWait_jobFails_exitsOne() {
        int code = run(jobThatEndsWith("failed"), "submit", "demo.fail", "--wait", "--token", "t");

        assertThat(code).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(out.toString()).contains("failed  demo_failure: failed on purpose");
    }

    @Test
    void submitWaitJson_writesOnlyJsonObjectsOnePerLine() {
        int code = run(jobThatEndsWith("cancelled"), "submit", "demo.sleep", "--wait", "--json", "--token", "t");

        assertThat(code).isEqualTo(ExitCodes.CANCELLED);
        List<JsonObject> lines = out.toString().lines().map(Json::object).toList();
        assertThat(lines).doesNotContainNull();
        assertThat(lines).extracting(line -> Json.string(line, "type"))
                .containsExactly("accepted", "progress", "progress", "cancelled");
    }

    @Test
    void submit_withoutWait_printsTheJobIdOnly() {
        int code = run(jobThatEndsWith("succeeded"), "submit", "demo.sleep", "--token", "t");

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo(JOB);
    }

    @Test
    void submit_serverRefusesTheInput_exitsTwoWithItsMessage() {
        FakeTransport transport = new FakeTransport().then((session, message) -> session.pushText(
                "{\"type\":\"error\",\"code\":\"bad_request\",\"message\":\"unknown job type nope\",\"requestId\":\""
                        + message.get("requestId").getAsString() + "\"}"));

        int code = run(transport, "submit", "nope", "--token", "t");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("jobwire: bad request: unknown job type nope");
    }

    @Test
    void submit_inputNotJson_exitsTwoWithoutConnecting() {
        FakeTransport transport = new FakeTransport();

        int code = run(transport, "submit", "demo.sleep", "--input", "{steps:", "--token", "t");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines()).containsExactly("jobwire: --input: the value is not valid JSON");
        assertThat(transport.tokens).isEmpty();
    }

    @Test
    void unknownOption_exitsTwoWithOneLine() {
        int code = run(new FakeTransport(), "watch", JOB, "--nope");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("Unknown option: '--nope'");
    }

    @Test
    void badUrl_exitsTwoWithOneLine() {
        int code = run(new FakeTransport(), "status", JOB, "--url", "http://127.0.0.1:3001/local", "--token", "t");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines()).containsExactly(
                "jobwire: bad URL 'http://127.0.0.1:3001/local' for --url: expected ws:// or wss://");
    }

    @Test
    void noTokenForARemoteServer_exitsTwoAndSaysHowToGiveOne() {
        int code = run(new FakeTransport(), "status", JOB, "--url", "wss://example.com/prod", "--token", "");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no token: pass --token or set JOBWIRE_TOKEN");
    }

    @Test
    void status_printsTheJobAsLabelledLines() {
        FakeTransport transport = new FakeTransport().then((session, message) -> session.pushText(
                "{\"type\":\"status\",\"requestId\":\"" + message.get("requestId").getAsString() + "\",\"job\":"
                        + "{\"jobId\":\"" + JOB + "\",\"type\":\"demo.fail\",\"status\":\"FAILED\",\"attempts\":3,"
                        + "\"lastSeq\":4,\"percent\":50,\"error\":{\"code\":\"boom\",\"message\":\"it broke\"},"
                        + "\"createdAt\":1767225600000}}"));

        int code = run(transport, "status", JOB, "--token", "t");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("status     FAILED").contains("error      boom: it broke")
                .contains("attempts   3").contains("created    2026-01-01T00:00:00Z");
    }
}
