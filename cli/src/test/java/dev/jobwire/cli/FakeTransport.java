package dev.jobwire.cli;

import com.google.gson.JsonObject;
import dev.jobwire.cli.socket.ConnectFailure;
import dev.jobwire.cli.socket.Incoming;
import dev.jobwire.cli.socket.Session;
import dev.jobwire.cli.socket.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted server: each {@link #open} takes the next entry, either a failure to throw or a
 * script that answers what the client sends on that connection.
 */
public final class FakeTransport implements Transport {

    /** How one connection answers each message the client sends. */
    public interface Script {
        void onSend(FakeSession session, JsonObject message);
    }

    private final Deque<Object> opens = new ArrayDeque<>();
    public final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    public final List<String> tokens = new CopyOnWriteArrayList<>();

    public FakeTransport then(Script script) {
        opens.add(script);
        return this;
    }

    public FakeTransport thenFail(ConnectFailure failure) {
        opens.add(failure);
        return this;
    }

    @Override
    public synchronized Session open(URI url, String token) throws ConnectFailure {
        tokens.add(token);
        Object next = opens.poll();
        if (next == null) {
            throw new ConnectFailure("connection refused by the fake (no more scripted connections)", false);
        }
        if (next instanceof ConnectFailure failure) {
            throw failure;
        }
        FakeSession session = new FakeSession((Script) next);
        sessions.add(session);
        return session;
    }

    /** One scripted connection. */
    public static final class FakeSession implements Session {
        private final Script script;
        private final BlockingQueue<Incoming> inbox = new LinkedBlockingQueue<>();
        public final List<JsonObject> sent = new CopyOnWriteArrayList<>();
        private volatile boolean dropped;
        public volatile boolean closedByClient;
        private Incoming.Closed closed;

        FakeSession(Script script) {
            this.script = script;
        }

        public void push(JsonObject frame) {
            inbox.add(new Incoming.Text(frame.toString()));
        }

        public void pushText(String text) {
            inbox.add(new Incoming.Text(text));
        }

        public void drop(int code) {
            dropped = true;
            inbox.add(new Incoming.Closed(code, "going away"));
        }

        @Override
        public void send(String text) throws IOException {
            if (dropped || closedByClient) {
                throw new IOException("closed");
            }
            JsonObject message = Json.object(text);
            sent.add(message);
            script.onSend(this, message);
        }

        @Override
        public Incoming receive(Duration timeout) throws InterruptedException {
            if (closed != null) {
                return closed;
            }
            Incoming next = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next instanceof Incoming.Closed c) {
                closed = c;
            }
            return next;
        }

        @Override
        public void close() {
            closedByClient = true;
        }
    }

    public static JsonObject event(String jobId, long seq, String type) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        event.addProperty("jobId", jobId);
        event.addProperty("seq", seq);
        event.addProperty("at", 1_767_225_600_000L + seq);
        if (type.equals("progress")) {
            event.addProperty("percent", (int) Math.min(100, seq * 20));
            event.addProperty("message", "step " + seq);
            event.addProperty("attempt", 1);
        } else if (type.equals("succeeded")) {
            JsonObject result = new JsonObject();
            result.addProperty("ok", true);
            event.add("result", result);
        } else if (type.equals("failed")) {
            JsonObject error = new JsonObject();
            error.addProperty("code", "demo_failure");
            error.addProperty("message", "failed on purpose");
            event.add("error", error);
            event.addProperty("attempts", 1);
        }
        return event;
    }

    public static JsonObject resumed(String jobId, long lastSeq, String status, String requestId) {
        JsonObject position = new JsonObject();
        position.addProperty("jobId", jobId);
        position.addProperty("lastSeq", lastSeq);
        position.addProperty("status", status);
        com.google.gson.JsonArray jobs = new com.google.gson.JsonArray();
        jobs.add(position);
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "resumed");
        frame.add("jobs", jobs);
        frame.addProperty("requestId", requestId);
        return frame;
    }

    /** The afterSeq of a resume message for its first job. */
    public static long afterSeq(JsonObject resume) {
        return resume.getAsJsonArray("jobs").get(0).getAsJsonObject().get("afterSeq").getAsLong();
    }
}
