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
 * exactly once (duplicates dropped, early arrivals held until the gap before them fills); after
 * losing its connection it opens a new one and resumes every job it knows from the last seq it
 * applied; a live event that jumps over a missing seq makes it resume that job; a resume refused
 * with {@code rate_limited} (a replay push that failed) is sent again. It counts what it had to
 * repair.
 */
final class ResumingClient {
    private final URI webSocketUrl;
    private final String token;
    private final Map<String, List<JsonObject>> applied = new HashMap<>();
    private final Map<String, TreeMap<Long, JsonObject>> early = new HashMap<>();
    private volatile WsClient socket;
    private int duplicates;
    private int outOfOrder;
    private int gaps;
    private int reconnects;
    private int holeResumes;
    private int refusedResumes;
    private int resumeCounter;
    /** The resume request in flight and the jobs it names; null when none is. */
    private String pendingResume;
    /** What went wrong that a correct server never causes, for the test to report. */
    private final List<String> problems = new ArrayList<>();
    private Collection<String> pendingJobs = List.of();

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
        String type = frame.has("type") ? frame.get("type").getAsString() : "";
        if (type.equals("gap")) {
            gaps++;
        }
        String requestId = frame.has("requestId") ? frame.get("requestId").getAsString() : null;
        if (pendingResume != null && pendingResume.equals(requestId)) {
            if (type.equals("error") && frame.get("code").getAsString().equals("rate_limited")) {
                refusedResumes++;
                pendingResume = null;
                resume(pendingJobs);
            } else if (type.equals("resumed")) {
                pendingResume = null;
                resumeHoles();
            } else if (type.equals("error")) {
                pendingResume = null;
                problems.add("resume refused: " + text);
            }
            return;
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
            if (pendingResume == null) {
                holeResumes++;
                resume(List.of(jobId));
            }
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
        WsClient fresh = WsClient.open(webSocketUrl, token, this::onFrame);
        synchronized (this) {
            socket = fresh;
            resume(List.copyOf(jobIds));
        }
    }

    /** Resumes every job with an event held early: after a resume, only a replay cut short leaves one. */
    private void resumeHoles() {
        List<String> withHoles = early.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        if (!withHoles.isEmpty()) {
            holeResumes++;
            resume(withHoles);
        }
    }

    /** Sends {@code resume} for {@code jobIds} from the last seq applied of each; one at a time. */
    private void resume(Collection<String> jobIds) {
        JsonArray jobs = new JsonArray();
        for (String jobId : jobIds) {
            JsonObject position = new JsonObject();
            position.addProperty("jobId", jobId);
            position.addProperty("afterSeq", applied.getOrDefault(jobId, List.of()).size());
            jobs.add(position);
        }
        pendingResume = "resume-" + (++resumeCounter);
        pendingJobs = jobIds;
        JsonObject resume = new JsonObject();
        resume.addProperty("action", "resume");
        resume.addProperty("requestId", pendingResume);
        resume.add("jobs", jobs);
        socket.send(resume.toString());
    }

    synchronized List<JsonObject> events(String jobId) {
        return List.copyOf(applied.getOrDefault(jobId, List.of()));
    }

    /** What this client holds of a job: the last seq applied and the seqs held early. */
    synchronized String describe(String jobId) {
        return "applied 1.." + applied.getOrDefault(jobId, List.of()).size() + ", held early "
                + early.getOrDefault(jobId, new TreeMap<>()).keySet();
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

    /** Resumes sent because a live event jumped over a missing seq. */
    synchronized int holeResumes() {
        return holeResumes;
    }

    /** Resumes sent again because the server refused one with {@code rate_limited}. */
    synchronized int refusedResumes() {
        return refusedResumes;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    int reconnects() {
        return reconnects;
    }

    void close() throws InterruptedException {
        socket.closeBlocking();
    }
}
