package dev.jobwire.test.local;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.jobwire.local.LocalRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The runtime's development endpoints, as tests use them. */
final class DevApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger USERS = new AtomicInteger();

    private DevApi() {
    }

    /** A user name no other test uses. */
    static String uniqueUser(String prefix) {
        return prefix + "-" + USERS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    static List<String> connectionIds(LocalRuntime runtime, String user) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(runtime.managementEndpoint() + "/_dev/connections")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> ids = new ArrayList<>();
            for (JsonElement row : JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("connections")) {
                if (row.getAsJsonObject().get("userId").getAsString().equals(user)) {
                    ids.add(row.getAsJsonObject().get("connectionId").getAsString());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id of the one connection of {@code user}, once the table has it. */
    static String onlyConnectionId(LocalRuntime runtime, String user) {
        List<List<String>> found = new ArrayList<>();
        await().atMost(WsClient.WAIT).until(() -> {
            List<String> ids = connectionIds(runtime, user);
            found.add(ids);
            return ids.size() == 1;
        });
        return found.get(found.size() - 1).get(0);
    }
}
