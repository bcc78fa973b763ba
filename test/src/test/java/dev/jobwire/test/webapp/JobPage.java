package dev.jobwire.test.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web app as a user sees it: what to type, what to click, what the page shows. */
final class JobPage {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    JobPage(ChromeDriver driver) {
        this.driver = driver;
    }

    JobPage open(URI url) {
        driver.get(url.toString());
        waitUntil(Duration.ofSeconds(15), d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
        return this;
    }

    void reload() {
        driver.navigate().refresh();
        waitUntil(Duration.ofSeconds(15), d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    void getDevToken(String user) {
        WebElement field = driver.findElement(By.id("dev-user"));
        field.clear();
        field.sendKeys(user);
        driver.findElement(By.cssSelector("#dev-token-form button[type=submit]")).click();
    }

    String connectionState() {
        return driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    String connectionText() {
        return driver.findElement(By.id("connection-text")).getText();
    }

    int connectionCounter(String attribute) {
        return Integer.parseInt(driver.findElement(By.id("connection")).getAttribute(attribute));
    }

    void waitConnected() {
        waitUntil(Duration.ofSeconds(20), d -> "connected".equals(connectionState()));
    }

    /** Fills in and sends the submit form; returns the job id the page shows as accepted. */
    String submit(String type, String inputJson) {
        fillSubmitForm(type, inputJson);
        String before = acceptedJobId();
        driver.findElement(By.id("submit-button")).click();
        waitUntil(Duration.ofSeconds(15), d -> {
            String now = acceptedJobId();
            return now != null && !now.equals(before);
        });
        return acceptedJobId();
    }

    void fillSubmitForm(String type, String inputJson) {
        new Select(driver.findElement(By.id("job-type"))).selectByValue(type);
        WebElement input = driver.findElement(By.id("job-input"));
        // Set at once rather than typed: typing JSON key by key is slow and proves nothing more.
        driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                input, inputJson);
    }

    String acceptedJobId() {
        List<WebElement> found = driver.findElements(By.id("accepted-job-id"));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    WebElement job(String jobId) {
        return driver.findElement(By.cssSelector("li.job[data-job-id='" + jobId + "']"));
    }

    boolean hasJob(String jobId) {
        return !driver.findElements(By.cssSelector("li.job[data-job-id='" + jobId + "']")).isEmpty();
    }

    String status(String jobId) {
        return job(jobId).getAttribute("data-status");
    }

    int progressValue(String jobId) {
        return Integer.parseInt(job(jobId).findElement(By.cssSelector("progress.bar")).getAttribute("value"));
    }

    String text(String jobId, String selector) {
        return job(jobId).findElement(By.cssSelector(selector)).getText();
    }

    /** The seqs of the job's events the page holds, in seq order. */
    List<Long> heldSeqs(String jobId) {
        String seqs = job(jobId).getAttribute("data-seqs");
        return seqs == null || seqs.isEmpty() ? List.of()
                : java.util.Arrays.stream(seqs.split(",")).map(Long::parseLong).toList();
    }

    /**
     * Every event of the job that the page applied, in the order it applied them, as "seq:via"
     * (via: live, replay or stored). An event applied twice would appear twice.
     */
    @SuppressWarnings("unchecked")
    List<String> appliedEvents(String jobId) {
        return (List<String>) driver.executeScript(
                "return [...document.querySelectorAll('#applied-events li')]"
                        + ".filter(li => li.dataset.jobId === arguments[0])"
                        + ".map(li => li.dataset.seq + ':' + li.dataset.via);", jobId);
    }

    void waitForStatus(String jobId, String status, Duration timeout) {
        waitUntil(timeout, d -> hasJob(jobId) && status.equals(status(jobId)));
    }

    void waitUntil(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(condition);
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    WebElement find(String selector) {
        return driver.findElement(By.cssSelector(selector));
    }

    /** Saves a PNG of the viewport under target/screenshots (build output). */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
