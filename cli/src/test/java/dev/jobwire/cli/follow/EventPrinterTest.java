package dev.jobwire.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobwire.cli.FakeTransport;
import dev.jobwire.cli.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventPrinterTest {

    @Test
    void line_progress_showsElapsedSeqPercentMessageAndAttempt() {
        assertThat(EventPrinter.line(FakeTransport.event("J", 3, "progress"), Duration.ofSeconds(75)))
                .isEqualTo("[01:15] #3 progress  60%  step 3  (attempt 1)");
    }

    @Test
    void line_retryingProgress_saysWhenAndWhy() {
        var event = Json.object("{\"type\":\"progress\",\"jobId\":\"J\",\"seq\":2,\"percent\":40,\"attempt\":1,"
                + "\"data\":{\"retrying\":true,\"retryInMs\":2000,\"error\":\"timeout\"}}");

        assertThat(EventPrinter.line(event, Duration.ZERO)).contains("retrying in 2000 ms after: timeout");
    }

    @Test
    void bar_isClampedAndShowsPercentElapsedAttemptAndMessage() {
        String bar = EventPrinter.bar(50, "halfway", Duration.ofMinutes(61), 2);

        assertThat(bar).isEqualTo("[###############---------------]  50%  1:01:00  attempt 2  halfway");
        assertThat(EventPrinter.bar(150, "", Duration.ZERO, 1)).startsWith("[" + "#".repeat(30) + "] 100%");
    }

    @Test
    void barMode_redrawsInPlaceAndEndsWithAPlainLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicLong clock = new AtomicLong();
        EventPrinter printer = new EventPrinter(EventPrinter.Mode.BAR, new PrintWriter(out), new PrintWriter(err),
                clock::get);

        printer.event(FakeTransport.event("J", 1, "progress"));
        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        printer.notice("connection lost; reconnecting");
        printer.event(FakeTransport.event("J", 2, "succeeded"));

        assertThat(out.toString()).startsWith("\r\033[K[######").contains("step 1")
                .endsWith("[00:03] #2 succeeded  {\"ok\":true}" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("jobwire: connection lost; reconnecting" + System.lineSeparator());
    }

    @Test
    void jsonMode_writesEventsAsReceivedAndGapsAsJson() {
        StringWriter out = new StringWriter();
        EventPrinter printer = new EventPrinter(EventPrinter.Mode.JSON, new PrintWriter(out),
                new PrintWriter(new StringWriter()), System::nanoTime);

        printer.event(FakeTransport.event("J", 1, "progress"));
        printer.lost(2, 3, "expired");

        var lines = out.toString().lines().map(Json::object).toList();
        assertThat(lines.get(0)).isEqualTo(FakeTransport.event("J", 1, "progress"));
        assertThat(Json.string(lines.get(1), "type")).isEqualTo("gap");
        assertThat(Json.number(lines.get(1), "toSeq", 0)).isEqualTo(3);
    }
}
