package dev.jobwire.core.usecase;

import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.IdGenerator;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.protocol.ClientMessage;
import dev.jobwire.core.protocol.ClientMessageParser;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.protocol.JobView;
import dev.jobwire.core.protocol.ServerFrame;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything a connected client can ask: submit, resume, cancel, status and ping. One frame in,
 * at most one reply frame out (returned to the caller, which sends it on the same connection);
 * {@code resume} also pushes the replayed events to the connection before its reply.
 *
 * <p>Never throws for anything a client sends. A request that cannot be served changes nothing
 * and gets an {@code error} frame. Jobs are scoped to the connection's user: another user's job is
 * {@code not_found}.
 */
public final class ClientRequests {
    private static final Logger LOG = Logger.getLogger(ClientRequests.class.getName());

    private final ConnectionStore connections;
    private final JobStore jobs;
    private final JobEventLog events;
    private final Pusher pusher;
    private final JobCommands commands;
    private final Clock clock;
    private final Policy policy;

    /** Refuses every {@code callbackUrl}: for a deployment that sends no webhooks. */
    public ClientRequests(ConnectionStore connections, JobStore jobs, JobEventLog events, JobQueue queue,
                          Pusher pusher, EventRecorder recorder, JobTypeRegistry types, IdGenerator ids,
                          Clock clock, Policy policy) {
        this(connections, jobs, events, pusher, new JobCommands(jobs, queue, recorder, types,
                CallbackUrlPolicy.refusingAll(), ids, clock, policy), clock, policy);
    }

    public ClientRequests(ConnectionStore connections, JobStore jobs, JobEventLog events, Pusher pusher,
                          JobCommands commands, Clock clock, Policy policy) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.events = Objects.requireNonNull(events, "events");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Handles one text frame from a connection and returns the reply frame (JSON text).
     *
     * @param body the frame as received; may be anything
     */
    public String handle(ConnectionId connectionId, String body) {
        ClientMessageParser.Result parsed = ClientMessageParser.parse(body);
        if (parsed instanceof ClientMessageParser.Rejected rejected) {
            return Frames.write(rejected.error().toFrame());
        }
        ClientMessage message = ((ClientMessageParser.Parsed) parsed).message();
        try {
            Optional<Connection> connection = connections.get(connectionId);
            if (connection.isEmpty()) {
                return error(ErrorCode.UNAUTHORIZED, "this connection is not registered; reconnect with a valid token",
                        message.requestId(), null);
            }
            UserId user = connection.get().userId();
            ServerFrame reply;
            if (message instanceof ClientMessage.Submit submit) {
                reply = submit(user, submit);
            } else if (message instanceof ClientMessage.Resume resume) {
                reply = resume(user, connectionId, resume);
            } else if (message instanceof ClientMessage.Cancel cancel) {
                reply = cancel(user, cancel);
            } else if (message instanceof ClientMessage.Status status) {
                reply = status(user, status);
            } else {
                connections.touch(connectionId, clock.now());
                reply = new ServerFrame.Pong(clock.now(), message.requestId());
            }
            return Frames.write(reply);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "action " + message.action() + " failed on " + connectionId, e);
            return error(ErrorCode.INTERNAL, "the server could not complete " + message.action()
                    + "; it is safe to retry", message.requestId(), null);
        }
    }

    private ServerFrame submit(UserId user, ClientMessage.Submit submit) {
        JobCommands.Outcome outcome = commands.submit(user, new JobCommands.SubmitRequest(submit.type(),
                submit.input(), submit.idempotencyKey(), submit.callbackUrl()));
        if (outcome instanceof JobCommands.Submitted submitted) {
            return new ServerFrame.Accepted(submitted.job().jobId(), submitted.job().status(), submitted.duplicate(),
                    submit.requestId());
        }
        return refused((JobCommands.Refused) outcome, submit.requestId());
    }

    private static ServerFrame refused(JobCommands.Refused refused, String requestId) {
        return errorFrame(refused.code(), refused.message(), requestId, refused.jobId());
    }

    private ServerFrame resume(UserId user, ConnectionId connectionId, ClientMessage.Resume resume) {
        List<ServerFrame.JobPosition> positions = new ArrayList<>();
        int budget = policy.maxReplayEvents();
        Instant deadline = clock.now().plus(policy.replayTime());
        for (ClientMessage.Position position : resume.jobs()) {
            Optional<Job> found = jobs.get(position.jobId()).filter(job -> job.userId().equals(user));
            if (found.isEmpty()) {
                if (!deliver(connectionId, Frames.write(notFound(position.jobId(), null)))) {
                    return replayFailed(resume);
                }
                continue;
            }
            Job job = found.get();
            long sent = position.afterSeq();
            boolean more = false;
            while (true) {
                if (budget == 0 || !clock.now().isBefore(deadline)) {
                    more = hasMore(job, sent);
                    break;
                }
                List<JobEvent> page = events.read(job.jobId(), sent, Math.min(budget, 100));
                if (page.isEmpty()) {
                    long known = Math.max(job.lastSeq(), sent);
                    if (known > sent && !deliver(connectionId, Frames.write(new ServerFrame.Gap(job.jobId(), sent + 1,
                            known)))) {
                        return replayFailed(resume);
                    }
                    sent = known;
                    break;
                }
                for (JobEvent event : page) {
                    if (!clock.now().isBefore(deadline)) {
                        break;
                    }
                    if (event.seq() > sent + 1 && !deliver(connectionId, Frames.write(new ServerFrame.Gap(
                            job.jobId(), sent + 1, event.seq() - 1)))) {
                        return replayFailed(resume);
                    }
                    if (!deliverEvent(connectionId, event)) {
                        return replayFailed(resume);
                    }
                    sent = event.seq();
                    budget--;
                }
            }
            Job current = jobs.get(job.jobId()).orElse(job);
            positions.add(new ServerFrame.JobPosition(job.jobId(), sent, current.status(), more));
        }
        return new ServerFrame.Resumed(positions, resume.requestId());
    }

    private boolean hasMore(Job job, long sent) {
        return sent < job.lastSeq() || events.latest(job.jobId()).map(JobEvent::seq).orElse(0L) > sent;
    }

    private ServerFrame replayFailed(ClientMessage.Resume resume) {
        return errorFrame(ErrorCode.RATE_LIMITED, "the replay was interrupted; resume again from the last seq "
                + "received", resume.requestId(), null);
    }

    private boolean deliver(ConnectionId connectionId, String frame) {
        return pusher.push(connectionId, frame) == Pusher.PushResult.DELIVERED;
    }

    /**
     * Replays one event; one too large for a frame is replaced by an error naming it, as the
     * notifier does, so that it cannot block the replay of everything after it.
     */
    private boolean deliverEvent(ConnectionId connectionId, JobEvent event) {
        Pusher.PushResult result = pusher.push(connectionId, Frames.event(event));
        if (result == Pusher.PushResult.TOO_LARGE) {
            return deliver(connectionId, Frames.write(DeliverNotification.tooLarge(event.jobId(), event.seq())));
        }
        return result == Pusher.PushResult.DELIVERED;
    }

    private ServerFrame cancel(UserId user, ClientMessage.Cancel cancel) {
        JobCommands.Outcome outcome = commands.cancel(user, cancel.jobId());
        if (outcome instanceof JobCommands.Cancelling cancelling) {
            return new ServerFrame.Cancelling(cancelling.job().jobId(), cancel.requestId());
        }
        return refused((JobCommands.Refused) outcome, cancel.requestId());
    }

    private ServerFrame status(UserId user, ClientMessage.Status status) {
        return jobs.get(status.jobId())
                .filter(job -> job.userId().equals(user))
                .<ServerFrame>map(job -> new ServerFrame.Status(JobView.of(job), status.requestId()))
                .orElseGet(() -> notFound(status.jobId(), status.requestId()));
    }

    private static ServerFrame.Error notFound(JobId jobId, String requestId) {
        return errorFrame(ErrorCode.NOT_FOUND, "no job " + jobId, requestId, jobId);
    }

    private static ServerFrame.Error errorFrame(ErrorCode code, String message, String requestId, JobId jobId) {
        return new ServerFrame.Error(code, message, requestId, jobId);
    }

    private static String error(ErrorCode code, String message, String requestId, JobId jobId) {
        return Frames.write(errorFrame(code, message, requestId, jobId));
    }
}

