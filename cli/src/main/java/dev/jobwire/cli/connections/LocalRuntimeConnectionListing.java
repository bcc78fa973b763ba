package dev.jobwire.cli.connections;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.cli.CliFailure;
import dev.jobwire.cli.HttpJson;
import dev.jobwire.cli.Json;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The local runtime's connection table, from its {@code GET /_dev/connections} (loopback only). */
public final class LocalRuntimeConnectionListing implements ConnectionListing {
    private final HttpJson http;
    private final URI uri;

    /** @param uri the runtime's {@code .../_dev/connections} URL */
    public LocalRuntimeConnectionListing(HttpJson http, URI uri) {
        this.http = Objects.requireNonNull(http, "http");
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    @Override
    public List<ConnectionEntry> list(String userId) throws InterruptedException {
        return parse(http.get(uri, null), userId);
    }

    @Override
    public String source() {
        return uri.toString();
    }

    /** The entries of a {@code {"connections":[...]}} answer, optionally of one user. */
    public static List<ConnectionEntry> parse(JsonObject body, String userId) {
        JsonElement connections = body.get("connections");
        if (connections == null || !connections.isJsonArray()) {
            throw CliFailure.connection("the connection list has no connections array");
        }
        List<ConnectionEntry> entries = new ArrayList<>();
        for (JsonElement element : connections.getAsJsonArray()) {
            if (!element.isJsonObject()) {
                continue;
            }
            JsonObject item = element.getAsJsonObject();
            String id = Json.string(item, "connectionId");
            String user = Json.string(item, "userId");
            Instant connectedAt = instant(item, "connectedAt");
            if (id == null || user == null || connectedAt == null) {
                continue;
            }
            if (userId != null && !userId.equals(user)) {
                continue;
            }
            entries.add(new ConnectionEntry(id, user, connectedAt, instant(item, "lastActiveAt"),
                    instant(item, "expiresAt"), Json.string(item, "sourceIp"), Json.string(item, "userAgent")));
        }
        return entries;
    }

    private static Instant instant(JsonObject item, String field) {
        String text = Json.string(item, field);
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        long millis = Json.number(item, field, -1);
        return millis >= 0 ? Instant.ofEpochMilli(millis) : null;
    }
}
