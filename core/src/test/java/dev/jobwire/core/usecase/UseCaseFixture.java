package dev.jobwire.core.usecase;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.memory.InMemoryConnectionStore;
import dev.jobwire.core.memory.InMemoryJobEventLog;
import dev.jobwire.core.memory.InMemoryJobQueue;
import dev.jobwire.core.memory.InMemoryJobStore;
import dev.jobwire.core.memory.InMemoryNotificationQueue;
import dev.jobwire.core.memory.InMemoryPusher;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.port.TokenVerifier;
import dev.jobwire.core.port.UlidGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every use case wired to the in-memory adapters, with a clock the test moves and a token
 * verifier that accepts {@code token-<user>}. Workers and notifiers run when the test says so.
 */
public final class UseCaseFixture {
    public final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    public final Clock clock = now::get;
    public final InMemoryConnectionStore connectionStore = new InMemoryConnectionStore(clock);
    public final InMemoryJobStore jobStore = new InMemoryJobStore(clock);
    public final InMemoryJobEventLog eventLog = new InMemoryJobEventLog(clock);
    public final InMemoryJobQueue jobQueue = new InMemoryJobQueue(clock);
    public final InMemoryNotificationQueue notifyQueue = new InMemoryNotificationQueue(clock);
    public final InMemoryPusher pusher = new InMemoryPusher();
    /** What the use cases publish to: the in-memory queue, made to fail on demand. */
    public final FlakyNotifications notifications = new FlakyNotifications(notifyQueue);
    public final Policy policy;
    public final EventRecorder recorder;
    public final Connections connections;
    public final ClientRequests requests;
    public final RunJob runJob;
    public final DeliverNotification deliver;
    public final FailDeadLetteredJob failDeadLettered;
    private final AtomicInteger connectionCounter = new AtomicInteger();

    public UseCaseFixture(JobHandler... extraTypes) {
        this(Policy.defaults(), extraTypes);
    }

    public UseCaseFixture(Policy policy, JobHandler... extraTypes) {
        this.policy = policy;
        List<JobHandler> handlers = new ArrayList<>(JobTypeRegistry.builtIns());
        handlers.addAll(List.of(extraTypes));
        JobTypeRegistry types = JobTypeRegistry.of(handlers.toArray(JobHandler[]::new));
        TokenVerifier tokens = token -> token.startsWith("token-")
                ? new TokenVerifier.Valid(UserId.of(token.substring(6)), now.get().plusSeconds(3600))
                : new TokenVerifier.Invalid("invalid token");
        recorder = new EventRecorder(eventLog, jobStore, notifications, clock, policy);
        connections = new Connections(connectionStore, tokens, clock, policy);
        requests = new ClientRequests(connectionStore, jobStore, eventLog, jobQueue, pusher, recorder, types,
                new UlidGenerator(clock), clock, policy);
        runJob = new RunJob(jobStore, jobQueue, recorder, types, clock, policy);
        deliver = new DeliverNotification(connectionStore, pusher, clock);
        failDeadLettered = new FailDeadLetteredJob(jobStore, recorder);
    }

    /** Passes notifications on, except those it was told to refuse. */
    public static final class FlakyNotifications implements NotificationQueue {
        private final NotificationQueue target;
        private final java.util.List<java.util.function.Predicate<Notification>> refusals =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        FlakyNotifications(NotificationQueue target) {
            this.target = target;
        }

        /** Refuses the next notification that matches, once. */
        public void refuseOnce(java.util.function.Predicate<Notification> which) {
            refusals.add(which);
        }

        @Override
        public void publish(Notification notification) {
            for (var refusal : refusals) {
                if (refusal.test(notification) && refusals.remove(refusal)) {
                    throw new QueueException("refused by the test: " + notification.deduplicationId(), null);
                }
            }
            target.publish(notification);
        }
    }

    public ConnectionId connect(String user) {
        ConnectionId id = ConnectionId.of("conn" + connectionCounter.incrementAndGet() + "=");
        Connections.ConnectResult result = connections.connect(id, "token-" + user, "203.0.113.9", "test");
        if (!(result instanceof Connections.Accepted)) {
            throw new IllegalStateException("connect refused: " + result);
        }
        pusher.open(id);
        return id;
    }

    public JsonObject send(ConnectionId connection, String body) {
        return JsonParser.parseString(requests.handle(connection, body)).getAsJsonObject();
    }

    public JobId submit(ConnectionId connection, String type, String input) {
        JsonObject reply = send(connection, "{\"action\":\"submit\",\"type\":\"" + type + "\",\"input\":" + input + "}");
        if (!reply.get("type").getAsString().equals("accepted")) {
            throw new IllegalStateException("submit refused: " + reply);
        }
        return JobId.of(reply.get("jobId").getAsString());
    }

    /** Runs the worker on every queued job message (once each); returns the outcomes. */
    public List<RunJob.Outcome> runWorkerOnce() {
        List<RunJob.Outcome> outcomes = new ArrayList<>();
        for (JobId jobId : jobQueue.drain()) {
            RunJob.Outcome outcome = runJob.run(jobId);
            outcomes.add(outcome);
            if (outcome == RunJob.Outcome.RETRY) {
                jobQueue.send(jobId);
            }
        }
        return outcomes;
    }

    /** Delivers every queued notification once; returns those that asked for a retry. */
    public List<Notification> runNotifierOnce() {
        List<Notification> retry = new ArrayList<>();
        Optional<Notification> next;
        while ((next = notifyQueue.poll()).isPresent()) {
            if (deliver.deliver(next.get()) == DeliverNotification.Outcome.RETRY) {
                retry.add(next.get());
            }
        }
        return retry;
    }

    public List<JsonObject> frames(ConnectionId connection) {
        return pusher.frames(connection).stream().map(f -> JsonParser.parseString(f).getAsJsonObject()).toList();
    }

    public List<JobEvent> events(JobId jobId) {
        return eventLog.read(jobId, 0, 10_000);
    }

    /** Moves the clock past the longest retry delay, so that every delayed retry is due. */
    public void advanceToRetries() {
        advance(Duration.ofMinutes(15).plusSeconds(1));
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }
}
