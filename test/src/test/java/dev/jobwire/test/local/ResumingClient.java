package dev.jobwire.test.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client as docs/protocol.md tells clients to be: it applies each job's events in seq order
 * exactly once (duplicates dropped, early arrivals held until the gap before them fills), and
 * after losing its connection it opens a new one and resumes every job it knows from the last
 * seq it applied. It counts what it had to repair.
 */
final class ResumingClient {
    private final URI webSocketUrl;
    private final String token;
    private final Map<String, List<JsonObject>> applied = new HashMap<>();
    private final Map<String, TreeMap<Long, JsonObject>> early = new HashMap<>();
    private WsClient socket;
    private int duplicates;
    private int outOfOrder;
    private int gaps;
    private int reconnects;

    ResumingClient(URI webSocketUrl, String token) throws InterruptedException {
        this.webSocketUrl = webSocketUrl;
        this.token = token;
        this.socket = WsClient.open(webSocketUrl, token, this::onFrame);
    }

    WsClient socket() {
        return socket;
    }

    private synchronized void onFrame(String text) {
        JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
        if (frame.has("type") && frame.get("type").getAsString().equals("gap")) {
            gaps++;
        }
        if (!frame.has("seq") || !frame.has("jobId")) {
            return;
        }
        String jobId = frame.get("jobId").getAsString();
        long seq = frame.get("seq").getAsLong();
        List<JsonObject> done = applied.computeIfAbsent(jobId, id -> new ArrayList<>());
        TreeMap<Long, JsonObject> held = early.computeIfAbsent(jobId, id -> new TreeMap<>());
        long last = done.size();
        if (seq <= last || held.containsKey(seq)) {
            duplicates++;
            return;
        }
        if (seq > last + 1) {
            outOfOrder++;
            held.put(seq, frame);
            return;
        }
        done.add(frame);
        while (!held.isEmpty() && held.firstKey() == done.size() + 1) {
            done.add(held.pollFirstEntry().getValue());
        }
    }

    /** Drops the connection abruptly, opens a new one and resumes {@code jobIds} from what was applied. */
    void dropAndResume(Collection<String> jobIds) throws Exception {
        socket.dropAbruptly();
        reconnects++;
        socket = WsClient.open(webSocketUrl, token, this::onFrame);
        JsonArray jobs = new JsonArray();
        synchronized (this) {
            for (String jobId : jobIds) {
                JsonObject position = new JsonObject();
                position.addProperty("jobId", jobId);
                position.addProperty("afterSeq", applied.getOrDefault(jobId, List.of()).size());
                jobs.add(position);
            }
        }
        JsonObject resume = new JsonObject();
        resume.addProperty("action", "resume");
        resume.add("jobs", jobs);
        socket.send(resume.toString());
    }

    synchronized List<JsonObject> events(String jobId) {
        return List.copyOf(applied.getOrDefault(jobId, List.of()));
    }

    synchronized boolean hasEnded(String jobId) {
        List<JsonObject> done = applied.getOrDefault(jobId, List.of());
        return !done.isEmpty() && isTerminal(done.get(done.size() - 1));
    }

    static boolean isTerminal(JsonObject event) {
        String type = event.get("type").getAsString();
        return type.equals("succeeded") || type.equals("failed") || type.equals("cancelled");
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized int outOfOrder() {
        return outOfOrder;
    }

    synchronized int gaps() {
        return gaps;
    }

    int reconnects() {
        return reconnects;
    }

    void close() throws InterruptedException {
        socket.closeBlocking();
    }
}
