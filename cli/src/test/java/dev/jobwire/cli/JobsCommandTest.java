package dev.jobwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobsCommandTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/local/jobs", exchange -> {
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"jobs\":[{\"jobId\":\"01A\",\"type\":\"demo.sleep\",\"status\":\"RUNNING\",\"percent\":40,"
                    + "\"message\":\"step 2 of 5\",\"createdAt\":1767225600000}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "jobs";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = "ws://127.0.0.1:" + server.getAddress().getPort() + "/local";
        all[args.length + 3] = "--token=tok";
        return Main.run(new JobwireCommand(timeout -> new FakeTransport()), all, new PrintWriter(out),
                new PrintWriter(err));
    }

    @Test
    void jobs_asksTheHttpApiWithTheBearerTokenAndPrintsATable() {
        int code = run("--limit", "5");

        assertThat(code).isZero();
        assertThat(requests).containsExactly("/local/jobs?limit=5 Bearer tok");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("JOB ID").contains("TYPE", "STATUS", "CREATED", "MESSAGE");
        assertThat(lines.get(1)).contains("01A", "demo.sleep", "RUNNING", "40", "2026-01-01T00:00:00Z", "step 2 of 5");
    }

    @Test
    void jobs_tokenRefused_exitsFourWithOneLine() {
        status = 401;

        int code = run();

        assertThat(code).isEqualTo(ExitCodes.CONNECTION);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("rejected the token (HTTP 401)");
    }

    @Test
    void jobs_limitOutOfRange_isAUsageError() {
        assertThat(run("--limit", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(requests).isEmpty();
    }
}
