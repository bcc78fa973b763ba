package dev.jobwire.cli.connections;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.jobwire.cli.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A connection table judged at one instant: each row with its age, idle time and the reasons it is
 * stale, and totals per user. Rows are ordered by user, then by connection time.
 */
public final class ConnectionReport {

    /** One judged row. {@code reasons} is empty when the row is not stale. */
    public record Row(ConnectionEntry entry, Duration age, Duration idle, List<String> reasons) {
        public Row {
            Objects.requireNonNull(entry, "entry");
            reasons = List.copyOf(reasons);
        }

        public boolean stale() {
            return !reasons.isEmpty();
        }
    }

    /** How many connections one user has, and how many of them are stale. */
    public record UserTotal(String userId, int connections, int stale) {
    }

    private final String source;
    private final Instant now;
    private final List<Row> rows;

    public ConnectionReport(String source, List<ConnectionEntry> entries, StaleRules rules, Instant now) {
        this.source = Objects.requireNonNull(source, "source");
        this.now = Objects.requireNonNull(now, "now");
        this.rows = entries.stream()
                .sorted(Comparator.comparing(ConnectionEntry::userId).thenComparing(ConnectionEntry::connectedAt)
                        .thenComparing(ConnectionEntry::connectionId))
                .map(entry -> judge(entry, rules, now))
                .toList();
    }

    public List<Row> rows() {
        return rows;
    }

    public List<UserTotal> totals() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Row row : rows) {
            int[] count = counts.computeIfAbsent(row.entry().userId(), user -> new int[2]);
            count[0]++;
            if (row.stale()) {
                count[1]++;
            }
        }
        List<UserTotal> totals = new ArrayList<>();
        counts.forEach((user, count) -> totals.add(new UserTotal(user, count[0], count[1])));
        return totals;
    }

    public long staleCount() {
        return rows.stream().filter(Row::stale).count();
    }

    static Row judge(ConnectionEntry entry, StaleRules rules, Instant now) {
        Duration age = Duration.between(entry.connectedAt(), now);
        Duration idle = Duration.between(entry.lastActiveAt(), now);
        List<String> reasons = new ArrayList<>();
        if (entry.expiresAt() != null && !entry.expiresAt().isAfter(now)) {
            reasons.add("expired");
        }
        if (age.compareTo(rules.maxDuration()) > 0) {
            reasons.add("older than " + Table.age(rules.maxDuration()) + " maximum");
        }
        if (idle.compareTo(rules.idleTimeout()) > 0) {
            reasons.add("idle over " + Table.age(rules.idleTimeout()));
        }
        if (rules.olderThan() != null && age.compareTo(rules.olderThan()) > 0) {
            reasons.add("older than " + Table.age(rules.olderThan()));
        }
        return new Row(entry, age, idle, reasons);
    }

    /** The table, then totals per user, for people. */
    public void printText(PrintWriter out) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"CONNECTION ID", "USER", "CONNECTED AT", "LAST ACTIVE", "AGE", "SOURCE IP",
            "USER AGENT", "STALE"});
        for (Row row : rows) {
            ConnectionEntry e = row.entry();
            table.add(new String[] {e.connectionId(), e.userId(), Table.time(e.connectedAt()),
                Table.time(e.lastActiveAt()), Table.age(row.age()), orDash(e.sourceIp()), orDash(e.userAgent()),
                row.stale() ? "STALE: " + String.join(", ", row.reasons()) : ""});
        }
        Table.print(out, table);
        out.println();
        out.println(rows.size() + " connection" + (rows.size() == 1 ? "" : "s") + ", " + totals().size() + " user"
                + (totals().size() == 1 ? "" : "s") + ", " + staleCount() + " stale (" + source + " at "
                + Table.time(now) + ")");
        if (!rows.isEmpty()) {
            List<String[]> perUser = new ArrayList<>();
            perUser.add(new String[] {"USER", "CONNECTIONS", "STALE"});
            for (UserTotal total : totals()) {
                perUser.add(new String[] {total.userId(), Integer.toString(total.connections()),
                    Integer.toString(total.stale())});
            }
            out.println();
            Table.print(out, perUser);
        }
    }

    /** The same as one JSON object, for scripts. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("source", source);
        json.addProperty("at", now.toString());
        JsonArray connections = new JsonArray();
        for (Row row : rows) {
            ConnectionEntry e = row.entry();
            JsonObject item = new JsonObject();
            item.addProperty("connectionId", e.connectionId());
            item.addProperty("userId", e.userId());
            item.addProperty("connectedAt", e.connectedAt().toString());
            item.addProperty("lastActiveAt", e.lastActiveAt().toString());
            if (e.expiresAt() != null) {
                item.addProperty("expiresAt", e.expiresAt().toString());
            }
            item.addProperty("ageSeconds", row.age().toSeconds());
            item.addProperty("idleSeconds", row.idle().toSeconds());
            if (e.sourceIp() != null) {
                item.addProperty("sourceIp", e.sourceIp());
            }
            if (e.userAgent() != null) {
                item.addProperty("userAgent", e.userAgent());
            }
            item.addProperty("stale", row.stale());
            JsonArray reasons = new JsonArray();
            row.reasons().forEach(reasons::add);
            item.add("staleReasons", reasons);
            connections.add(item);
        }
        json.add("connections", connections);
        JsonArray totals = new JsonArray();
        for (UserTotal total : totals()) {
            JsonObject item = new JsonObject();
            item.addProperty("userId", total.userId());
            item.addProperty("connections", total.connections());
            item.addProperty("stale", total.stale());
            totals.add(item);
        }
        json.add("totals", totals);
        json.addProperty("count", rows.size());
        json.addProperty("staleCount", staleCount());
        return json;
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
