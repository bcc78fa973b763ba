package dev.jobwire.test.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API Gateway's connection limits, shrunk to seconds: the runtime closes a socket idle for 1.5 s
 * and any socket open for 4 s. The page, told to ping every 300 ms and to reconnect on its own
 * after 2.5 s, never lets the server cut it and follows a job across its planned reconnects.
 */
class WebAppConnectionLimitsTest {
    @RegisterExtension
    static final WebAppRuntime RUNTIME = new WebAppRuntime(options -> options
            .withIdleTimeout(Duration.ofMillis(1500))
            .withMaxConnectionDuration(Duration.ofSeconds(4)));
    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void keepaliveAndPlannedReconnect_keepTheServerFromEverClosingTheSocket() {
        JobPage page = browser.page();
        page.open(RUNTIME.runtime().baseUrl().resolve("/?pingMs=300&reconnectAfterMs=2500"));
        page.getDevToken("limits-user");
        page.waitConnected();

        String jobId = page.submit("demo.sleep", "{\"steps\": 40, \"delayMs\": 200}");

        page.waitForStatus(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        assertThat(page.connectionCounter("data-opens")).as("planned reconnects in 8 s").isGreaterThanOrEqualTo(3);
        List<String> frames = frameLog();
        assertThat(frames).as("pongs").filteredOn(line -> line.contains("\"type\":\"pong\"")).hasSizeGreaterThan(5);
        assertThat(frames).as("closes by the server (idle or too old)")
                .noneMatch(line -> line.contains("connection closed"));
        List<String> applied = page.appliedEvents(jobId);
        assertThat(applied).extracting(entry -> Long.parseLong(entry.substring(0, entry.indexOf(':'))))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 41).boxed().toList());
    }

    @SuppressWarnings("unchecked")
    private List<String> frameLog() {
        return (List<String>) browser.page().script("return [...document.querySelectorAll('#frame-log li')].map(li => li.textContent)");
    }
}
