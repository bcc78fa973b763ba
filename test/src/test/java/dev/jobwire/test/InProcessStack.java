package dev.jobwire.test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.auth.JwtTokenIssuer;
import dev.jobwire.aws.auth.JwtTokenVerifier;
import dev.jobwire.aws.testing.ApiEvents;
import dev.jobwire.connect.ConnectHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.memory.InMemoryConnectionStore;
import dev.jobwire.core.memory.InMemoryJobEventLog;
import dev.jobwire.core.memory.InMemoryJobQueue;
import dev.jobwire.core.memory.InMemoryJobStore;
import dev.jobwire.core.memory.InMemoryNotificationQueue;
import dev.jobwire.core.memory.InMemoryPusher;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.QueueCodec;
import dev.jobwire.core.port.UlidGenerator;
import dev.jobwire.core.usecase.ClientRequests;
import dev.jobwire.core.usecase.Connections;
import dev.jobwire.core.usecase.DeliverNotification;
import dev.jobwire.core.usecase.EventRecorder;
import dev.jobwire.core.usecase.FailDeadLetteredJob;
import dev.jobwire.core.usecase.Policy;
import dev.jobwire.core.usecase.RunJob;
import dev.jobwire.disconnect.DisconnectHandler;
import dev.jobwire.notifier.NotifierHandler;
import dev.jobwire.submit.SubmitHandler;
import dev.jobwire.worker.DeadLetterHandler;
import dev.jobwire.worker.WorkerHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The five real handler classes wired to the in-memory adapters, driven with real-shaped events.
 * It plays API Gateway and the SQS pollers: a route response is delivered to the connection that
 * sent the message, queue messages are handed to the worker and notifier as SQS events.
 */
final class InProcessStack {
    static final String SECRET = "an-end-to-end-test-secret-of-32-bytes-or-more";

    final Clock clock = Clock.system();
    final InMemoryConnectionStore connections = new InMemoryConnectionStore(clock);
    final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    final InMemoryJobEventLog events = new InMemoryJobEventLog(clock);
    final InMemoryJobQueue jobQueue = new InMemoryJobQueue();
    final InMemoryNotificationQueue notifyQueue = new InMemoryNotificationQueue(clock);
    final InMemoryPusher pusher = new InMemoryPusher();
    final JwtTokenIssuer issuer = new JwtTokenIssuer(SECRET, clock);
    final ConnectHandler connect;
    final DisconnectHandler disconnect;
    final SubmitHandler submit;
    final WorkerHandler worker;
    final DeadLetterHandler deadLetter;
    final NotifierHandler notifier;
    /** Everything each connection received, route responses and pushes, in arrival order. */
    private final Map<ConnectionId, List<String>> received = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    InProcessStack() {
        Policy policy = Policy.defaults();
        Connections connectionUseCases = new Connections(connections, new JwtTokenVerifier(SECRET, clock), clock,
                policy);
        EventRecorder recorder = new EventRecorder(events, jobs, notifyQueue, clock, policy);
        JobTypeRegistry types = JobTypeRegistry.discover();
        connect = new ConnectHandler(connectionUseCases);
        disconnect = new DisconnectHandler(connectionUseCases);
        submit = new SubmitHandler(new ClientRequests(connections, jobs, events, jobQueue, this::push, recorder, types,
                new UlidGenerator(clock), clock, policy));
        worker = new WorkerHandler(new RunJob(jobs, jobQueue, recorder, types, clock, policy));
        deadLetter = new DeadLetterHandler(new FailDeadLetteredJob(jobs, recorder));
        notifier = new NotifierHandler(new DeliverNotification(connections, this::push, clock));
    }

    private dev.jobwire.core.port.Pusher.PushResult push(ConnectionId connectionId, String frame) {
        var result = pusher.push(connectionId, frame);
        if (result == dev.jobwire.core.port.Pusher.PushResult.DELIVERED) {
            received.computeIfAbsent(connectionId, id -> new CopyOnWriteArrayList<>()).add(frame);
        }
        return result;
    }

    String token(String user) {
        return issuer.issue(UserId.of(user), Duration.ofHours(1));
    }

    /** Connects like API Gateway: the handshake succeeds only when $connect answers 200. */
    APIGatewayV2WebSocketResponse tryConnect(String connectionId, String token) {
        APIGatewayV2WebSocketResponse response = connect.handleRequest(
                ApiEvents.connect(connectionId, token, "jobwire-test/1.0"), null);
        if (response.getStatusCode() == 200) {
            pusher.open(ConnectionId.of(connectionId));
        }
        return response;
    }

    ConnectionId connect(String user) {
        String id = "c" + ids.incrementAndGet() + "AbCdEf=";
        APIGatewayV2WebSocketResponse response = tryConnect(id, token(user));
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("connect refused: " + response.getBody());
        }
        return ConnectionId.of(id);
    }

    void drop(ConnectionId connectionId) {
        pusher.close(connectionId);
        disconnect.handleRequest(ApiEvents.disconnect(connectionId.value()), null);
    }

    /** Sends a text frame on a route; the reply (if any) is delivered to the sender, as API Gateway does. */
    JsonObject send(ConnectionId connectionId, String routeKey, String body) {
        APIGatewayV2WebSocketResponse response = submit.handleRequest(
                ApiEvents.message(connectionId.value(), routeKey, body), null);
        if (response.getStatusCode() != 200 || response.getBody() == null) {
            throw new IllegalStateException("no reply: " + response.getStatusCode());
        }
        received.computeIfAbsent(connectionId, id -> new CopyOnWriteArrayList<>()).add(response.getBody());
        return JsonParser.parseString(response.getBody()).getAsJsonObject();
    }

    /** Hands every queued job to the worker, one SQS event each; returns the ids it asked to retry. */
    List<String> runWorker() {
        List<String> retried = new ArrayList<>();
        for (JobId jobId : jobQueue.drain()) {
            SQSBatchResponse response = worker.handleRequest(
                    ApiEvents.jobMessage(UUID.randomUUID().toString(), QueueCodec.encodeJob(jobId), 1), null);
            response.getBatchItemFailures().forEach(f -> retried.add(f.getItemIdentifier()));
        }
        return retried;
    }

    /** Hands queued notifications to the notifier in FIFO batches of ten; returns the ids to retry. */
    List<String> runNotifier() {
        List<String> retried = new ArrayList<>();
        List<Notification> pending = notifyQueue.drain();
        for (int from = 0; from < pending.size(); from += 10) {
            List<ApiEvents.FifoRecord> batch = new ArrayList<>();
            for (Notification n : pending.subList(from, Math.min(pending.size(), from + 10))) {
                batch.add(new ApiEvents.FifoRecord(UUID.randomUUID().toString(), QueueCodec.encodeNotification(n),
                        n.jobId().value(), n.deduplicationId()));
            }
            notifier.handleRequest(ApiEvents.fifoBatch(batch), null).getBatchItemFailures()
                    .forEach(f -> retried.add(f.getItemIdentifier()));
        }
        return retried;
    }

    List<JsonObject> received(ConnectionId connectionId) {
        return received.getOrDefault(connectionId, List.of()).stream()
                .map(frame -> JsonParser.parseString(frame).getAsJsonObject()).toList();
    }
}
