package dev.jobwire.test.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.local.LocalRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web app in headless Chromium against the local runtime: real page, real socket, real
 * handlers. Each test signs in as its own user, so jobs and connections never mix.
 */
class WebAppTest {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger USERS = new AtomicInteger();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final WebAppRuntime RUNTIME = new WebAppRuntime();
    @RegisterExtension
    final Browser browser = new Browser();

    private JobPage page;
    private String user;

    @BeforeEach
    void pickUser(TestInfo test) {
        page = browser.page();
        String name = test.getTestMethod().orElseThrow().getName();
        user = name.substring(0, name.indexOf('_')) + "-" + USERS.incrementAndGet();
    }

    private static LocalRuntime runtime() {
        return RUNTIME.runtime();
    }

    private void signIn() {
        page.open(runtime().baseUrl());
        page.getDevToken(user);
        page.waitConnected();
        assertThat(page.connectionText()).isEqualTo("Connected as " + user);
    }

    @Test
    void demoSleep_showsLiveProgressUpToHundredPercentAndThenTheResult() {
        signIn();

        String jobId = page.submit("demo.sleep", "{\"steps\": 8, \"delayMs\": 300}");

        assertThat(jobId).isNotBlank();
        assertThat(page.hasJob(jobId)).isTrue();
        page.waitUntil(JOB_TIMEOUT, d -> "RUNNING".equals(page.status(jobId)) && page.progressValue(jobId) > 0
                && page.progressValue(jobId) < 100);
        assertThat(page.text(jobId, ".message")).matches("step [1-7] of 8");
        assertThat(page.text(jobId, ".attempt")).isEqualTo("1");
        page.screenshot("demo-sleep-running");

        page.waitForStatus(jobId, "SUCCEEDED", JOB_TIMEOUT);
        assertThat(page.progressValue(jobId)).isEqualTo(100);
        assertThat(page.text(jobId, ".percent")).isEqualTo("100%");
        assertThat(page.text(jobId, ".status-badge")).isEqualToIgnoringCase("Succeeded");
        assertThat(page.text(jobId, ".message")).isEqualTo("step 8 of 8");
        JsonObject result = JsonParser.parseString(page.text(jobId, "pre.result")).getAsJsonObject();
        assertThat(result.get("steps").getAsInt()).isEqualTo(8);
        assertThat(result.get("sleptMs").getAsInt()).isEqualTo(2400);
        assertThat(page.text(jobId, ".elapsed")).matches("\\d+\\.\\d s");
        assertThat(page.heldSeqs(jobId)).containsExactlyElementsOf(seqs(9));
        assertThat(page.find("li.job[data-job-id='" + jobId + "'] .cancel").isDisplayed()).isFalse();
        page.screenshot("demo-sleep-succeeded");
    }

    @Test
    void socketClosedByTheManagementApi_pageReconnectsResumesAndEndsWithEveryEventOnce() throws Exception {
        // A slow first backoff step makes the page miss events for certain while it is away.
        page.open(runtime().baseUrl().resolve("/?backoffMs=3000"));
        page.getDevToken(user);
        page.waitConnected();
        String jobId = page.submit("demo.sleep", "{\"steps\": 40, \"delayMs\": 150}");
        page.waitUntil(JOB_TIMEOUT, d -> page.heldSeqs(jobId).size() >= 3);
        String before = onlyConnectionOf(user);

        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(
                        URI.create(runtime().managementEndpoint() + "/@connections/" + before)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(204);
        page.waitUntil(Duration.ofSeconds(10), d -> "reconnecting".equals(page.connectionState()));
        assertThat(page.connectionText()).matches("Reconnecting in \\d+ s \\(attempt 1\\): .*");
        page.screenshot("reconnecting");
        int heldWhenCut = page.heldSeqs(jobId).size();

        page.waitConnected();
        String after = onlyConnectionOf(user);
        assertThat(after).isNotEqualTo(before);
        page.waitForStatus(jobId, "SUCCEEDED", JOB_TIMEOUT);

        List<String> applied = page.appliedEvents(jobId);
        assertThat(applied).extracting(JobPageEvents::seq).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(seqs(41));
        assertThat(applied).extracting(JobPageEvents::via)
                .as("events missed while the socket was down arrive by replay").contains("replay");
        assertThat(page.heldSeqs(jobId)).containsExactlyElementsOf(seqs(41));
        assertThat(heldWhenCut).isLessThan(41);
        assertThat(page.connectionCounter("data-opens")).isEqualTo(2);
        assertThat(page.connectionCounter("data-resumes-sent")).isGreaterThanOrEqualTo(1);
        assertThat(page.connectionCounter("data-resumed-received")).isGreaterThanOrEqualTo(1);
        assertThat(page.progressValue(jobId)).isEqualTo(100);
        page.screenshot("reconnected-and-resumed");
    }

    @Test
    void demoFail_showsTheFailureWithItsErrorCodeAndMessage() {
        signIn();

        String jobId = page.submit("demo.fail", "{\"failAfterSteps\": 2, \"mode\": \"throw\", \"delayMs\": 50}");

        page.waitForStatus(jobId, "FAILED", JOB_TIMEOUT);
        assertThat(page.text(jobId, ".error-code")).isEqualTo("demo_failure");
        assertThat(page.text(jobId, ".error-message")).contains("failed after 2 steps");
        assertThat(page.text(jobId, ".status-badge")).isEqualToIgnoringCase("Failed");
        assertThat(page.text(jobId, ".attempt")).isEqualTo("1");
        assertThat(page.heldSeqs(jobId)).containsExactlyElementsOf(seqs(3));
        assertThat(page.job(jobId).findElements(By.cssSelector("pre.result"))).isEmpty();
        page.screenshot("demo-fail");
    }

    @Test
    void cancel_onARunningJobWithTheKeyboard_endsItCancelled() {
        signIn();
        String jobId = page.submit("demo.sleep", "{\"steps\": 200, \"delayMs\": 200}");
        page.waitUntil(JOB_TIMEOUT, d -> "RUNNING".equals(page.status(jobId)));
        WebElement cancel = page.job(jobId).findElement(By.cssSelector("button.cancel"));
        assertThat(cancel.isDisplayed()).isTrue();
        assertThat(cancel.getAttribute("aria-label")).isEqualTo("Cancel demo.sleep " + jobId);

        cancel.sendKeys(Keys.ENTER);

        page.waitForStatus(jobId, "CANCELLED", JOB_TIMEOUT);
        assertThat(page.text(jobId, ".status-badge")).isEqualToIgnoringCase("Cancelled");
        assertThat(page.progressValue(jobId)).isLessThan(100);
        assertThat(page.job(jobId).findElement(By.cssSelector("button.cancel")).isDisplayed()).isFalse();
        List<Long> held = page.heldSeqs(jobId);
        assertThat(held).containsExactlyElementsOf(seqs(held.size()));
        page.screenshot("cancelled");
    }

    @Test
    void reload_midJob_restoresTheJobFromStorageAndResumesItToTheEnd() {
        signIn();
        String jobId = page.submit("demo.sleep", "{\"steps\": 30, \"delayMs\": 200}");
        page.waitUntil(JOB_TIMEOUT, d -> page.heldSeqs(jobId).size() >= 3);

        page.reload();

        assertThat(page.hasJob(jobId)).as("the job is back from localStorage").isTrue();
        List<String> restored = page.appliedEvents(jobId);
        long stored = restored.stream().filter(event -> event.endsWith(":stored")).count();
        assertThat(stored).as("events restored from storage in %s", restored).isGreaterThanOrEqualTo(3);
        assertThat(restored.subList(0, (int) stored)).as("restored before any frame arrives")
                .allMatch(event -> event.endsWith(":stored"));
        page.waitConnected();
        page.waitForStatus(jobId, "SUCCEEDED", JOB_TIMEOUT);
        List<String> applied = page.appliedEvents(jobId);
        assertThat(applied).extracting(JobPageEvents::seq).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(seqs(31));
        assertThat(page.connectionCounter("data-resumes-sent")).as("resumes after the reload").isGreaterThanOrEqualTo(1);
        assertThat(page.progressValue(jobId)).isEqualTo(100);
        assertThat(page.text(jobId, "pre.result")).contains("\"steps\": 30");
    }

    @Test
    void invalidInput_isRefusedInThePageAndNothingIsSent() {
        signIn();

        page.fillSubmitForm("demo.sleep", "{\"steps\": 0}");
        page.find("#submit-button").click();

        assertThat(page.find("#job-input").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.find("#job-input-error").getText()).isEqualTo("steps must be between 1 and 1000");
        assertThat(page.find("#job-input").equals(browser.chromium().driver.switchTo().activeElement())).isTrue();
        page.fillSubmitForm("demo.sleep", "{\"steps\": 3,");
        assertThat(page.find("#job-input-error").getText()).startsWith("the input is not valid JSON");
        page.find("#submit-button").click();
        assertThat(page.script("return document.querySelectorAll('#jobs li.job').length")).isEqualTo(0L);
        assertThat(page.script("return [...document.querySelectorAll('#frame-log li')]"
                + ".some(li => li.textContent.includes('\"action\":\"submit\"'))")).isEqualTo(false);
    }

    @Test
    void phoneSizedScreen_showsTheWholePageWithoutSidewaysScrolling() {
        browser.chromium().phoneViewport(375, 812);
        signIn();
        String jobId = page.submit("report.stats", "{\"rows\": 20000, \"seed\": 7}");

        page.waitForStatus(jobId, "SUCCEEDED", JOB_TIMEOUT);

        Object wider = page.script("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > 375)"
                + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
        // A mobile viewport widens itself to fit content that is too wide.
        assertThat(page.script("return window.innerWidth")).as("elements wider than the screen: %s", wider)
                .isEqualTo(375L);
        assertThat((Long) page.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(375L);
        assertThat(page.text(jobId, "pre.result")).contains("\"rows\": 20000");
        page.script("document.getElementById('jobs-heading').scrollIntoView()");
        page.screenshot("phone");
    }

    @Test
    void webSocketUrlInTheQuery_overridesConfigJson() {
        page.open(runtime().baseUrl().resolve("/?ws=" + "ws://127.0.0.1:9/nowhere"));
        page.getDevToken(user);

        page.waitUntil(Duration.ofSeconds(15), d -> "reconnecting".equals(page.connectionState()));
        assertThat(page.find("#ws-url").getAttribute("value")).isEqualTo("ws://127.0.0.1:9/nowhere");
        assertThat(page.find("#config-source").getAttribute("textContent")).startsWith("WebSocket URL from the page address");
        assertThat(page.connectionText()).startsWith("Reconnecting in ");
    }

    /** The one live connection of a user, as the runtime's connection table holds it. */
    private static String onlyConnectionOf(String userId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                runtime().baseUrl().resolve("/local/_dev/connections")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonElement connection : JsonParser.parseString(response.body()).getAsJsonObject()
                .getAsJsonArray("connections")) {
            JsonObject fields = connection.getAsJsonObject();
            if (userId.equals(fields.get("userId").getAsString())) {
                ids.add(fields.get("connectionId").getAsString());
            }
        }
        assertThat(ids).as("connections of " + userId).hasSize(1);
        return ids.get(0);
    }

    private static List<Long> seqs(int count) {
        return LongStream.rangeClosed(1, count).boxed().toList();
    }

    /** Reads the "seq:via" entries of {@link JobPage#appliedEvents}. */
    private static final class JobPageEvents {
        static Long seq(String entry) {
            return Long.parseLong(entry.substring(0, entry.indexOf(':')));
        }

        static String via(String entry) {
            return entry.substring(entry.indexOf(':') + 1);
        }
    }
}
