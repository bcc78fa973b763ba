package dev.jobwire.cli.follow;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.cli.CliFailure;
import dev.jobwire.cli.Json;
import dev.jobwire.cli.Requests;
import dev.jobwire.cli.ServerErrors;
import dev.jobwire.cli.socket.ConnectFailure;
import dev.jobwire.cli.socket.Incoming;
import dev.jobwire.cli.socket.Session;
import dev.jobwire.cli.socket.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Follows one job's event stream to its end. It starts with a {@code resume} from the seq the
 * caller holds, so events pushed before the follower listened are replayed; it hands each event
 * to the listener exactly once and in seq order, whatever the server repeats or reorders; and when
 * the connection drops it reconnects and resumes from the last seq it delivered without a hole.
 * It sends a {@code ping} now and then, so that a quiet job does not hit the idle timeout, and
 * after {@link #QUIET_RESYNC} without a word about the job it resumes again: a push that ran out
 * of retries shows as a jump in seq only when something comes after it, and a lost final event
 * has nothing after it.
 */
public final class JobFollower {
    private static final Set<String> EVENT_TYPES = Set.of("progress", "succeeded", "failed", "cancelled");
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration KEEPALIVE = Duration.ofMinutes(5);
    private static final int MAX_THROTTLED = 8;
    private static final int MAX_SHORT_REPLAYS = 3;
    /** How long a job may stay silent before the follower asks for what it may have missed. */
    public static final Duration QUIET_RESYNC = Duration.ofMinutes(1);

    private final Transport transport;
    private final URI url;
    private final Supplier<String> token;
    private final ReconnectPolicy policy;
    private final Duration quietResync;

    public JobFollower(Transport transport, URI url, Supplier<String> token, ReconnectPolicy policy) {
        this(transport, url, token, policy, QUIET_RESYNC);
    }

    /** @param quietResync how long the job may stay silent before the follower resumes it again */
    public JobFollower(Transport transport, URI url, Supplier<String> token, ReconnectPolicy policy,
            Duration quietResync) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.url = Objects.requireNonNull(url, "url");
        this.token = Objects.requireNonNull(token, "token");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.quietResync = Objects.requireNonNull(quietResync, "quietResync");
        if (quietResync.isNegative() || quietResync.isZero()) {
            throw new IllegalArgumentException("quietResync must be positive");
        }
    }

    /**
     * Follows {@code jobId} from {@code afterSeq} until its terminal event.
     *
     * @param session an open session to start on, or null to connect; closed on return either way
     * @throws CliFailure for an unknown job, a rejected token, or a connection that could not be
     *                    restored within the policy's time
     */
    public Outcome follow(Session session, String jobId, long afterSeq, FollowListener listener)
            throws InterruptedException {
        EventSequencer sequencer = new EventSequencer(afterSeq);
        Session current = session != null ? session : Requests.open(transport, url, token);
        int resumes = 0;
        int throttled = 0;
        int shortReplays = 0;
        boolean tooLarge = false;
        try {
            long lastSent = System.nanoTime();
            long lastHeard = lastSent;
            boolean resumePending = true;
            current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
            while (true) {
                Incoming incoming = current.receive(POLL);
                if (incoming == null) {
                    listener.tick();
                    if (!resumePending && System.nanoTime() - lastHeard > quietResync.toNanos()) {
                        lastHeard = System.nanoTime();
                        current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
                        resumePending = true;
                        lastSent = System.nanoTime();
                        continue;
                    }
                    if (System.nanoTime() - lastSent > KEEPALIVE.toNanos()) {
                        lastSent = System.nanoTime();
                        try {
                            current.send("{\"action\":\"ping\",\"requestId\":\"keepalive\"}");
                        } catch (IOException e) {
                            // the next receive reports the closed connection
                        }
                    }
                    continue;
                }
                if (incoming instanceof Incoming.Closed closed) {
                    current.close();
                    listener.notice("connection lost (" + describe(closed) + "); reconnecting");
                    current = reconnect(listener);
                    current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
                    resumePending = true;
                    lastSent = System.nanoTime();
                    lastHeard = lastSent;
                    continue;
                }
                JsonObject frame = Json.object(((Incoming.Text) incoming).text());
                String type = Json.string(frame, "type");
                if (frame == null || type == null) {
                    continue;
                }
                if (jobId.equals(Json.string(frame, "jobId")) || type.equals("resumed")) {
                    lastHeard = System.nanoTime();
                }
                if (EVENT_TYPES.contains(type) && jobId.equals(Json.string(frame, "jobId"))) {
                    long seq = Json.number(frame, "seq", -1);
                    if (seq < 1) {
                        continue;
                    }
                    Outcome outcome = deliver(sequencer.accept(seq, frame), listener);
                    if (outcome != null) {
                        return outcome;
                    }
                    if (sequencer.hasHole() && !resumePending) {
                        // A live event skipped a seq: a push ran out of retries. Replay from the hole.
                        current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
                        resumePending = true;
                    }
                } else if (type.equals("gap") && jobId.equals(Json.string(frame, "jobId"))) {
                    long from = Json.number(frame, "fromSeq", sequencer.lastSeq() + 1);
                    long to = Json.number(frame, "toSeq", from);
                    listener.lost(from, to, "expired");
                    Outcome outcome = deliver(sequencer.skipTo(to), listener);
                    if (outcome != null) {
                        return outcome;
                    }
                } else if (type.equals("resumed")) {
                    JsonObject position = position(frame, jobId);
                    if (position == null) {
                        continue;
                    }
                    resumePending = false;
                    long lastSeq = Json.number(position, "lastSeq", 0);
                    if (Json.bool(position, "more")) {
                        current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
                        resumePending = true;
                        continue;
                    }
                    if (lastSeq > sequencer.lastSeq() && !tooLarge && shortReplays < MAX_SHORT_REPLAYS) {
                        // The reply came before events it says were replayed; ask again rather
                        // than call them lost.
                        shortReplays++;
                        current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
                        resumePending = true;
                        continue;
                    }
                    tooLarge = false;
                    if (lastSeq > sequencer.lastSeq()) {
                        // The replay went past these seqs without sending them: they were too
                        // large for a frame (an error frame said so) and will never arrive.
                        long from = sequencer.lastSeq() + 1;
                        List<JsonObject> ready = sequencer.skipTo(lastSeq);
                        listener.lost(from, lastSeq, "could not be delivered");
                        Outcome outcome = deliver(ready, listener);
                        if (outcome != null) {
                            return outcome;
                        }
                    }
                    Outcome ended = Outcome.of(Json.string(position, "status"));
                    if (ended != null && sequencer.lastSeq() >= lastSeq) {
                        // Terminal, and every event up to the end has been seen or declared lost
                        // without a terminal one among them: the status is all that is left.
                        listener.notice("the job ended " + ended.name() + " but its last event could not be shown");
                        return ended;
                    }
                } else if (type.equals("error")) {
                    String code = Json.string(frame, "code");
                    String about = Json.string(frame, "jobId");
                    if ("payload_too_large".equals(code) && jobId.equals(about)) {
                        tooLarge = true;
                        listener.notice("an event was too large to send: " + Json.string(frame, "message"));
                    } else if ("rate_limited".equals(code) && isOurRequest(frame) && throttled < MAX_THROTTLED) {
                        // The replay was cut short; the events so far are in, so go on from there.
                        throttled++;
                        listener.notice("the server cut the replay short; resuming again");
                        Thread.sleep(Math.min(5_000, 250L << throttled));
                        current = sendResumeOrReconnect(current, jobId, sequencer, ++resumes, listener);
                        resumePending = true;
                    } else if (jobId.equals(about) || isOurRequest(frame)) {
                        throw ServerErrors.toFailure(frame);
                    }
                }
            }
        } finally {
            current.close();
        }
    }

    private static boolean isOurRequest(JsonObject frame) {
        String requestId = Json.string(frame, "requestId");
        return requestId != null && requestId.startsWith("follow-");
    }

    private static JsonObject position(JsonObject resumed, String jobId) {
        JsonElement jobs = resumed.get("jobs");
        if (jobs == null || !jobs.isJsonArray()) {
            return null;
        }
        for (JsonElement item : jobs.getAsJsonArray()) {
            if (item.isJsonObject() && jobId.equals(Json.string(item.getAsJsonObject(), "jobId"))) {
                return item.getAsJsonObject();
            }
        }
        return null;
    }

    private static Outcome deliver(List<JsonObject> ready, FollowListener listener) {
        for (JsonObject event : ready) {
            listener.event(event);
            Outcome outcome = Outcome.of(Json.string(event, "type"));
            if (outcome != null) {
                return outcome;
            }
        }
        return null;
    }

    private Session sendResumeOrReconnect(Session session, String jobId, EventSequencer sequencer, int n,
            FollowListener listener) throws InterruptedException {
        Session current = session;
        while (true) {
            try {
                current.send(resume(jobId, sequencer.lastSeq(), "follow-" + n));
                return current;
            } catch (IOException e) {
                current.close();
                listener.notice("connection lost (" + e.getMessage() + "); reconnecting");
                current = reconnect(listener);
            }
        }
    }

    static String resume(String jobId, long afterSeq, String requestId) {
        JsonObject position = new JsonObject();
        position.addProperty("jobId", jobId);
        position.addProperty("afterSeq", afterSeq);
        JsonArray jobs = new JsonArray();
        jobs.add(position);
        JsonObject message = new JsonObject();
        message.addProperty("action", "resume");
        message.add("jobs", jobs);
        message.addProperty("requestId", requestId);
        return message.toString();
    }

    private Session reconnect(FollowListener listener) throws InterruptedException {
        long deadline = System.nanoTime() + policy.giveUpAfter().toNanos();
        Duration delay = policy.firstDelay();
        String lastError;
        while (true) {
            try {
                Session session = transport.open(url, token.get());
                listener.notice("reconnected");
                return session;
            } catch (ConnectFailure e) {
                if (e.rejected()) {
                    throw CliFailure.connection(e.getMessage());
                }
                lastError = e.getMessage();
            }
            if (System.nanoTime() + delay.toNanos() > deadline) {
                throw CliFailure.connection("lost the connection to " + url + " and could not reconnect within "
                        + policy.giveUpAfter().toSeconds() + "s: " + lastError);
            }
            Thread.sleep(delay.toMillis());
            delay = delay.multipliedBy(2).compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay.multipliedBy(2);
        }
    }

    private static String describe(Incoming.Closed closed) {
        if (closed.code() < 0) {
            return closed.reason().isEmpty() ? "broken" : closed.reason();
        }
        return "closed " + closed.code() + (closed.reason().isEmpty() ? "" : " " + closed.reason());
    }
}
