package dev.jobwire.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's figures as rows of a table — each beside its floor, their ratio and its goal — and as
 * one JSON document. A goal is reported as met or missed, never enforced.
 */
final class Results {
    /** A row: a figure of jobwire's, its floor's (NaN when none), and a goal (null when none). */
    record Row(String scenario, String metric, String unit, double value, double floor, Goal goal) {
        double ratio() {
            return Double.isFinite(value) && Double.isFinite(floor) && floor != 0 ? value / floor : Double.NaN;
        }
    }

    /** {@code value <= limit} (or {@code >=} when {@code atLeast}). */
    record Goal(String text, double limit, boolean atLeast) {
        boolean met(double value) {
            return Double.isFinite(value) && (atLeast ? value >= limit : value <= limit);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final JsonObject json = new JsonObject();
    private final List<String> notes = new ArrayList<>();

    JsonObject json() {
        return json;
    }

    void row(String scenario, String metric, String unit, double value, double floor, Goal goal) {
        rows.add(new Row(scenario, metric, unit, value, floor, goal));
    }

    void note(String note) {
        notes.add(note);
    }

    static Goal atMost(String text, double limit) {
        return new Goal(text, limit, false);
    }

    static Goal atLeast(String text, double limit) {
        return new Goal(text, limit, true);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-12s %-34s %12s %12s %9s  %-18s %s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "metric", "jobwire", "floor", "ratio", "goal", ""));
        out.append("-".repeat(110)).append('\n');
        for (Row row : rows) {
            String goal = row.goal() == null ? "" : row.goal().text();
            String met = row.goal() == null ? "" : row.goal().met(row.value()) ? "met" : "MISSED";
            out.append(String.format(Locale.ROOT, format, row.scenario(), row.metric() + " (" + row.unit() + ")",
                    fmt(row.value()), fmt(row.floor()), Double.isFinite(row.ratio())
                            ? String.format(Locale.ROOT, "%.2f×", row.ratio()) : "", goal, met));
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** The rows and notes added to the JSON document, then the document. */
    JsonObject finish() {
        JsonArray array = new JsonArray();
        for (Row row : rows) {
            JsonObject json = new JsonObject();
            json.addProperty("scenario", row.scenario());
            json.addProperty("metric", row.metric());
            json.addProperty("unit", row.unit());
            number(json, "value", row.value());
            number(json, "floor", row.floor());
            number(json, "ratio", row.ratio());
            if (row.goal() != null) {
                json.addProperty("goal", row.goal().text());
                json.addProperty("goalMet", row.goal().met(row.value()));
            }
            array.add(json);
        }
        json.add("table", array);
        JsonArray notesJson = new JsonArray();
        notes.forEach(notesJson::add);
        json.add("notes", notesJson);
        return json;
    }

    static String fmt(double value) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.2f", value);
    }

    static void number(JsonObject json, String name, double value) {
        if (Double.isFinite(value)) {
            json.addProperty(name, Math.round(value * 1000) / 1000.0);
        } else {
            json.add(name, JsonNull.INSTANCE);
        }
    }
}
