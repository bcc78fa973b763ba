package dev.jobwire.core.usecase;

import dev.jobwire.core.job.InvalidInputException;
import dev.jobwire.core.job.JobHandler;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.ConnectionId;
import dev.jobwire.core.model.Job;
import dev.jobwire.core.model.JobError;
import dev.jobwire.core.model.JobEvent;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.model.JsonText;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.IdGenerator;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobQueue;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.port.QueueException;
import dev.jobwire.core.protocol.ClientMessage;
import dev.jobwire.core.protocol.ClientMessageParser;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.protocol.JobView;
import dev.jobwire.core.protocol.ServerFrame;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final JobQueue queue;
    private final Pusher pusher;
    private final EventRecorder recorder;
    private final JobTypeRegistry types;
    private final IdGenerator ids;
    private final Clock clock;
    private final Policy policy;

    public ClientRequests(ConnectionStore connections, JobStore jobs, JobEventLog events, JobQueue queue,
                          Pusher pusher, EventRecorder recorder, JobTypeRegistry types, IdGenerator ids,
                          Clock clock, Policy policy) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.events = Objects.requireNonNull(events, "events");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.types = Objects.requireNonNull(types, "types");
        this.ids = Objects.requireNonNull(ids, "ids");
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
        Optional<Connection> connection = connections.get(connectionId);
        if (connection.isEmpty()) {
            return error(ErrorCode.UNAUTHORIZED, "this connection is not registered; reconnect with a valid token",
                    message.requestId(), null);
        }
        UserId user = connection.get().userId();
        try {
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
        Optional<JobHandler> handler = types.find(submit.type());
        if (handler.isEmpty()) {
            return errorFrame(ErrorCode.BAD_REQUEST, "unknown job type '" + submit.type() + "'; known types: "
                    + String.join(", ", types.types()), submit.requestId(), null);
        }
        try {
            handler.get().validate(JsonText.parseObject(submit.input()));
        } catch (InvalidInputException e) {
            return errorFrame(ErrorCode.BAD_REQUEST, "invalid input for " + submit.type() + ": " + e.getMessage(),
                    submit.requestId(), null);
        }
        if (submit.callbackUrl() != null) {
            Optional<String> problem = callbackProblem(submit.callbackUrl());
            if (problem.isPresent()) {
                return errorFrame(ErrorCode.BAD_REQUEST, problem.get(), submit.requestId(), null);
            }
        }
        var now = clock.now();
        Job job = Job.queued(JobId.of(ids.newId()), user, submit.type(), submit.input(), submit.idempotencyKey(),
                submit.callbackUrl(), now, now.plus(policy.jobRetention()));
        JobStore.CreateResult created = jobs.create(job);
        if (created instanceof JobStore.Duplicate duplicate) {
            Job first = duplicate.job();
            if (!first.type().equals(job.type()) || !first.input().equals(job.input())) {
                return errorFrame(ErrorCode.CONFLICT, "idempotencyKey was already used for a different "
                        + "request (job " + first.jobId() + ")", submit.requestId(), first.jobId());
            }
            return new ServerFrame.Accepted(first.jobId(), first.status(), true, submit.requestId());
        }
        try {
            queue.send(job.jobId());
        } catch (QueueException e) {
            LOG.log(Level.SEVERE, "could not enqueue job " + job.jobId(), e);
            failUnqueued(job);
            return errorFrame(ErrorCode.INTERNAL, "the job could not be queued and has been marked FAILED; "
                    + "submit it again", submit.requestId(), job.jobId());
        }
        return new ServerFrame.Accepted(job.jobId(), job.status(), false, submit.requestId());
    }

    /** A job the queue refused must not sit QUEUED forever: it ends FAILED, visibly. */
    private void failUnqueued(Job job) {
        try {
            recorder.writer(job).failed(new JobError("enqueue_failed", "the job queue did not accept the job"), 0);
        } catch (EventRecorder.AlreadyFinished ignored) {
            // someone else ended it first, which is all we wanted
        }
    }

    private ServerFrame resume(UserId user, ConnectionId connectionId, ClientMessage.Resume resume) {
        List<ServerFrame.JobPosition> positions = new ArrayList<>();
        int budget = policy.maxReplayEvents();
        for (ClientMessage.Position position : resume.jobs()) {
            Optional<Job> found = jobs.get(position.jobId()).filter(job -> job.userId().equals(user));
            if (found.isEmpty()) {
                if (!push(connectionId, Frames.write(notFound(position.jobId(), null)))) {
                    return errorFrame(ErrorCode.RATE_LIMITED, "the replay could not be delivered; resume again",
                            resume.requestId(), null);
                }
                continue;
            }
            Job job = found.get();
            long sent = position.afterSeq();
            boolean more = false;
            while (true) {
                if (budget == 0) {
                    more = sent < job.lastSeq() || events.latest(job.jobId()).map(JobEvent::seq).orElse(0L) > sent;
                    break;
                }
                List<JobEvent> page = events.read(job.jobId(), sent, Math.min(budget, 100));
                if (page.isEmpty()) {
                    long known = Math.max(job.lastSeq(), sent);
                    if (known > sent && !push(connectionId, Frames.write(new ServerFrame.Gap(job.jobId(), sent + 1,
                            known)))) {
                        return replayFailed(resume);
                    }
                    sent = known;
                    break;
                }
                for (JobEvent event : page) {
                    if (event.seq() > sent + 1
                            && !push(connectionId, Frames.write(new ServerFrame.Gap(job.jobId(), sent + 1,
                            event.seq() - 1)))) {
                        return replayFailed(resume);
                    }
                    if (!push(connectionId, Frames.event(event))) {
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

    private ServerFrame replayFailed(ClientMessage.Resume resume) {
        return errorFrame(ErrorCode.RATE_LIMITED, "the replay was interrupted; resume again from the last seq "
                + "received", resume.requestId(), null);
    }

    private boolean push(ConnectionId connectionId, String frame) {
        return pusher.push(connectionId, frame) == Pusher.PushResult.DELIVERED;
    }

    private ServerFrame cancel(UserId user, ClientMessage.Cancel cancel) {
        Optional<Job> found = jobs.get(cancel.jobId()).filter(job -> job.userId().equals(user));
        if (found.isEmpty()) {
            return notFound(cancel.jobId(), cancel.requestId());
        }
        Job job = found.get();
        JobStore.CancelResult result = jobs.requestCancel(job.jobId(), clock.now());
        switch (result) {
            case CANCELLED -> {
                try {
                    recorder.writer(job).cancelled();
                } catch (EventRecorder.AlreadyFinished ignored) {
                    // the terminal event is already there; the client gets it or can resume it
                }
                return new ServerFrame.Cancelling(job.jobId(), cancel.requestId());
            }
            case CANCEL_REQUESTED -> {
                return new ServerFrame.Cancelling(job.jobId(), cancel.requestId());
            }
            case ALREADY_FINISHED -> {
                Job current = jobs.get(job.jobId()).orElse(job);
                return errorFrame(ErrorCode.CONFLICT, "job already ended: " + current.status(), cancel.requestId(),
                        job.jobId());
            }
            default -> {
                return notFound(cancel.jobId(), cancel.requestId());
            }
        }
    }

    private ServerFrame status(UserId user, ClientMessage.Status status) {
        return jobs.get(status.jobId())
                .filter(job -> job.userId().equals(user))
                .<ServerFrame>map(job -> new ServerFrame.Status(JobView.of(job), status.requestId()))
                .orElseGet(() -> notFound(status.jobId(), status.requestId()));
    }

    /** A syntactic check only; the webhook sender enforces the network rules when it delivers. */
    static Optional<String> callbackProblem(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !scheme.equals("https")) {
                return Optional.of("callbackUrl must be an absolute https URL");
            }
            if (uri.getUserInfo() != null) {
                return Optional.of("callbackUrl must not contain credentials");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("callbackUrl is not a valid URL");
        }
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

