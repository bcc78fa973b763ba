package dev.jobwire.cli.follow;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.cli.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows a followed job to a person or a script. {@link Mode#JSON} writes each event as received,
 * one JSON object per line and nothing else on standard output; {@link Mode#LINES} writes one
 * readable line per event; {@link Mode#BAR} redraws one progress line in place, for a terminal.
 * Notices about the connection always go to standard error, so they never mix with the events.
 */
public final class EventPrinter implements FollowListener {

    /** How events are written. */
    public enum Mode { JSON, LINES, BAR }

    private static final int BAR_WIDTH = 30;

    private final Mode mode;
    private final PrintWriter out;
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private final long start;
    private int percent;
    private String message = "waiting for the job to start";
    private long attempt = 1;
    private boolean barShown;

    public EventPrinter(Mode mode, PrintWriter out, PrintWriter err, LongSupplier nanoTime) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.start = nanoTime.getAsLong();
    }

    /** Writes a frame that is not an event but belongs in a script's stream, such as {@code accepted}. */
    public void frame(JsonObject frame) {
        if (mode == Mode.JSON) {
            out.println(frame);
            out.flush();
        }
    }

    @Override
    public void event(JsonObject event) {
        Duration elapsed = elapsed();
        switch (mode) {
            case JSON -> out.println(event);
            case LINES -> out.println(line(event, elapsed));
            case BAR -> {
                String type = Json.string(event, "type");
                if ("progress".equals(type)) {
                    percent = (int) Json.number(event, "percent", percent);
                    String text = Json.string(event, "message");
                    message = retrying(event) != null ? retrying(event) : text == null ? "" : text;
                    attempt = Json.number(event, "attempt", attempt);
                    drawBar();
                } else {
                    if ("succeeded".equals(type)) {
                        percent = 100;
                        message = "done";
                        drawBar();
                    }
                    clearBar();
                    barShown = false;
                    out.println(line(event, elapsed));
                }
            }
        }
        out.flush();
    }

    @Override
    public void lost(long fromSeq, long toSeq, String why) {
        if (mode == Mode.JSON) {
            JsonObject gap = new JsonObject();
            gap.addProperty("type", "gap");
            gap.addProperty("fromSeq", fromSeq);
            gap.addProperty("toSeq", toSeq);
            gap.addProperty("reason", why);
            out.println(gap);
            out.flush();
        } else {
            notice("events " + fromSeq + (toSeq > fromSeq ? ".." + toSeq : "") + " " + why);
        }
    }

    @Override
    public void notice(String text) {
        clearBar();
        err.println("jobwire: " + text);
        err.flush();
        if (barShown) {
            drawBar();
        }
    }

    @Override
    public void tick() {
        if (mode == Mode.BAR) {
            drawBar();
        }
    }

    /** One readable line for an event: elapsed time, seq, type and what the event says. */
    public static String line(JsonObject event, Duration elapsed) {
        String type = Json.string(event, "type");
        StringBuilder line = new StringBuilder();
        line.append('[').append(clock(elapsed)).append("] #").append(Json.number(event, "seq", 0)).append(' ')
                .append(type);
        switch (type == null ? "" : type) {
            case "progress" -> {
                line.append(String.format(Locale.ROOT, " %3d%%", Json.number(event, "percent", 0)));
                String retry = retrying(event);
                String text = Json.string(event, "message");
                if (retry != null) {
                    line.append("  ").append(retry);
                } else if (text != null) {
                    line.append("  ").append(text);
                }
                line.append("  (attempt ").append(Json.number(event, "attempt", 1)).append(')');
            }
            case "succeeded" -> {
                JsonElement result = event.get("result");
                String url = Json.string(event, "resultUrl");
                if (url != null) {
                    line.append("  result at ").append(url);
                } else if (result != null) {
                    line.append("  ").append(result);
                }
            }
            case "failed" -> {
                JsonObject error = Json.child(event, "error");
                line.append("  ").append(Json.string(error, "code")).append(": ").append(Json.string(error, "message"));
                line.append("  (attempts ").append(Json.number(event, "attempts", 1)).append(')');
            }
            default -> {
            }
        }
        return line.toString();
    }

    /** The progress line of a terminal: bar, percent, message, elapsed time and attempt. */
    public static String bar(int percent, String message, Duration elapsed, long attempt) {
        int clamped = Math.max(0, Math.min(100, percent));
        int filled = clamped * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", clamped) + "  " + clock(elapsed)
                + "  attempt " + attempt + "  " + message;
    }

    static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    private static String retrying(JsonObject event) {
        JsonObject data = Json.child(event, "data");
        if (data == null || !Json.bool(data, "retrying")) {
            return null;
        }
        return "retrying in " + Json.number(data, "retryInMs", 0) + " ms after: " + Json.string(data, "error");
    }

    private Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - start);
    }

    private void drawBar() {
        out.print("\r\033[K" + bar(percent, message, elapsed(), attempt));
        out.flush();
        barShown = true;
    }

    private void clearBar() {
        if (mode == Mode.BAR && barShown) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
