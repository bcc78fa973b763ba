package dev.jobwire.cli.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.jobwire.cli.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ConnectionReportTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static ConnectionEntry entry(String id, String user, Duration age, Duration idle) {
        return new ConnectionEntry(id, user, NOW.minus(age), NOW.minus(idle), NOW.plus(Duration.ofHours(1)),
                "127.0.0.1", "jobwire-cli/dev");
    }

    @Test
    void report_flagsRowsPastTheMaximumDurationTheIdleTimeoutOrTheOperatorsThreshold() {
        List<ConnectionEntry> entries = List.of(
                entry("fresh", "alice", Duration.ofMinutes(1), Duration.ofSeconds(5)),
                entry("old", "alice", Duration.ofHours(3), Duration.ofSeconds(5)),
                entry("idle", "bob", Duration.ofMinutes(30), Duration.ofMinutes(11)),
                entry("medium", "bob", Duration.ofMinutes(20), Duration.ofMinutes(1)));

        ConnectionReport report = new ConnectionReport("test", entries,
                StaleRules.apiGateway(Duration.ofMinutes(15)), NOW);

        Map<String, List<String>> reasons = report.rows().stream().collect(java.util.stream.Collectors.toMap(
                row -> row.entry().connectionId(), ConnectionReport.Row::reasons));
        assertThat(reasons.get("fresh")).isEmpty();
        assertThat(reasons.get("old")).containsExactly("older than 2h00m maximum", "older than 15m00s");
        assertThat(reasons.get("idle")).containsExactly("idle over 10m00s", "older than 15m00s");
        assertThat(reasons.get("medium")).containsExactly("older than 15m00s");
        assertThat(report.totals()).containsExactly(new ConnectionReport.UserTotal("alice", 2, 1),
                new ConnectionReport.UserTotal("bob", 2, 2));
        assertThat(report.staleCount()).isEqualTo(3);
    }

    @Test
    void report_rowPastItsTtlExpiry_isStaleEvenWhenYoung() {
        ConnectionEntry expired = new ConnectionEntry("c", "u", NOW.minusSeconds(60), NOW.minusSeconds(60),
                NOW.minusSeconds(1), null, null);

        ConnectionReport report = new ConnectionReport("test", List.of(expired), StaleRules.apiGateway(null), NOW);

        assertThat(report.rows().get(0).reasons()).containsExactly("expired");
    }

    @Test
    void printText_showsEveryColumnTotalsAndTheStaleFlag() {
        ConnectionReport report = new ConnectionReport("test", List.of(
                entry("abc=", "alice", Duration.ofMinutes(3).plusSeconds(5), Duration.ofSeconds(5))),
                StaleRules.apiGateway(Duration.ZERO), NOW);
        StringWriter text = new StringWriter();

        report.printText(new PrintWriter(text, true));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("CONNECTION ID").contains("USER", "CONNECTED AT", "LAST ACTIVE", "AGE",
                "SOURCE IP", "USER AGENT", "STALE");
        assertThat(lines.get(1)).contains("abc=", "alice", "2026-01-01T11:56:55Z", "2026-01-01T11:59:55Z", "3m05s",
                "127.0.0.1", "jobwire-cli/dev", "STALE: older than 0s");
        assertThat(text.toString()).contains("1 connection, 1 user, 1 stale");
    }

    @Test
    void toJson_carriesRowsTotalsAndCounts() {
        ConnectionReport report = new ConnectionReport("test", List.of(
                entry("a", "alice", Duration.ofMinutes(1), Duration.ZERO)), StaleRules.apiGateway(null), NOW);

        JsonObject json = report.toJson();

        JsonObject row = json.getAsJsonArray("connections").get(0).getAsJsonObject();
        assertThat(Json.string(row, "connectionId")).isEqualTo("a");
        assertThat(Json.number(row, "ageSeconds", -1)).isEqualTo(60);
        assertThat(Json.bool(row, "stale")).isFalse();
        assertThat(Json.number(json, "count", -1)).isEqualTo(1);
        assertThat(json.getAsJsonArray("totals").get(0).getAsJsonObject().get("connections").getAsInt()).isEqualTo(1);
    }

    @Test
    void dynamoDbItem_readsMillisecondTimesAndTheTtlInSeconds() {
        ConnectionEntry entry = DynamoDbConnectionListing.fromItem(Map.of(
                "connectionId", AttributeValue.fromS("c1"),
                "userId", AttributeValue.fromS("alice"),
                "connectedAt", AttributeValue.fromN("1767268800000"),
                "lastSeenAt", AttributeValue.fromN("1767268860000"),
                "expiresAt", AttributeValue.fromN("1767276000"),
                "sourceIp", AttributeValue.fromS("203.0.113.9")));

        assertThat(entry).isEqualTo(new ConnectionEntry("c1", "alice", Instant.parse("2026-01-01T12:00:00Z"),
                Instant.parse("2026-01-01T12:01:00Z"), Instant.parse("2026-01-01T14:00:00Z"), "203.0.113.9", null));
        assertThat(DynamoDbConnectionListing.fromItem(Map.of("connectionId", AttributeValue.fromS("x")))).isNull();
    }

    @Test
    void localRuntimeAnswer_isReadAndFilteredByUser() {
        JsonObject body = Json.object("{\"connections\":[{\"connectionId\":\"a\",\"userId\":\"alice\","
                + "\"connectedAt\":\"2026-01-01T11:00:00Z\",\"lastActiveAt\":\"2026-01-01T11:30:00Z\","
                + "\"expiresAt\":\"2026-01-01T13:00:00Z\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"ua\"},"
                + "{\"connectionId\":\"b\",\"userId\":\"bob\",\"connectedAt\":\"2026-01-01T11:00:00Z\"}]}");

        assertThat(LocalRuntimeConnectionListing.parse(body, null)).hasSize(2);
        assertThat(LocalRuntimeConnectionListing.parse(body, "alice")).containsExactly(new ConnectionEntry("a",
                "alice", Instant.parse("2026-01-01T11:00:00Z"), Instant.parse("2026-01-01T11:30:00Z"),
                Instant.parse("2026-01-01T13:00:00Z"), "127.0.0.1", "ua"));
    }
}
