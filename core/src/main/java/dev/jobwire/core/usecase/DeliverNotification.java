package dev.jobwire.core.usecase;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Pushes one job event to every live connection of the job's owner: the notifier's use case.
 *
 * <p>A connection that is gone (410) is deleted and the fan-out goes on (one younger than
 * {@link #CONNECTING_GRACE} is spared). An event too large for
 * one frame is replaced, for that connection, by an {@code error} frame naming the job and seq, so
 * the client knows to fetch it with {@code status}. When any push is throttled or fails, the
 * whole notification is retried later: connections that already got it may get it again, which
 * clients deduplicate by ({@code jobId}, {@code seq}).
 *
 * <p>The pushes of one notification go out several at a time ({@link #DEFAULT_PARALLELISM}), so
 * that an owner with many connections does not wait for them one after another. Each connection
 * still gets a job's events in order: a notification is finished, for all connections, before the
 * next one of the same job is handled.
 */
public final class DeliverNotification {
    private static final Logger LOG = Logger.getLogger(DeliverNotification.class.getName());

    /** How long a new connection is spared deletion on 410: its {@code $connect} may still be running. */
    public static final Duration CONNECTING_GRACE = Duration.ofSeconds(10);

    /** How many pushes of one notification run at once by default. */
    public static final int DEFAULT_PARALLELISM = 16;

    private final ConnectionStore connections;
    private final Pusher pusher;
    private final Clock clock;
    private final ExecutorService pushes;

    public DeliverNotification(ConnectionStore connections, Pusher pusher, Clock clock) {
        this(connections, pusher, clock, DEFAULT_PARALLELISM);
    }

    /** @param parallelism how many pushes of one notification run at once; 1 pushes one after another */
    public DeliverNotification(ConnectionStore connections, Pusher pusher, Clock clock, int parallelism) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1");
        }
        this.pushes = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "push");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The outcome for the queue message. */
    public enum Outcome {
        DELIVERED,
        RETRY
    }

    public Outcome deliver(Notification notification) {
        List<Connection> targets = connections.listByUser(notification.userId());
        boolean retry = false;
        if (pushes == null || targets.size() < 2) {
            for (Connection connection : targets) {
                retry |= pushTo(connection, notification);
            }
            return retry ? Outcome.RETRY : Outcome.DELIVERED;
        }
        List<Future<Boolean>> results = new ArrayList<>(targets.size());
        for (Connection connection : targets) {
            results.add(pushes.submit(() -> pushTo(connection, notification)));
        }
        for (Future<Boolean> result : results) {
            try {
                retry |= result.get();
            } catch (ExecutionException e) {
                LOG.info(() -> "push of " + notification.deduplicationId() + " failed: " + e.getCause()
                        + "; will retry");
                retry = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                retry = true;
            }
        }
        return retry ? Outcome.RETRY : Outcome.DELIVERED;
    }

    /** Pushes to one connection; true when the notification must be retried for it. */
    private boolean pushTo(Connection connection, Notification notification) {
        Pusher.PushResult result = pusher.push(connection.connectionId(), notification.frame());
        switch (result) {
            case DELIVERED -> {
                return false;
            }
            case GONE -> {
                forget(connection);
                return false;
            }
            case TOO_LARGE -> {
                String tooLarge = Frames.write(tooLarge(notification.jobId(), notification.seq()));
                return pusher.push(connection.connectionId(), tooLarge).isRetryable();
            }
            default -> {
                LOG.info(() -> "push of " + notification.deduplicationId() + " to " + connection.connectionId()
                        + " was " + result + "; will retry");
                return true;
            }
        }
    }

    /**
     * Deletes a connection the gateway no longer knows, unless it is younger than
     * {@link #CONNECTING_GRACE}: API Gateway answers 410 until its {@code $connect} has returned, and
     * such a connection is about to exist, not gone. TTL removes it if it never does.
     */
    private void forget(Connection connection) {
        if (connection.connectedAt().plus(CONNECTING_GRACE).isAfter(clock.now())) {
            return;
        }
        connections.delete(connection.connectionId());
    }

    /** The frame that stands in for an event too large for one WebSocket frame. */
    public static ServerFrame.Error tooLarge(JobId jobId, long seq) {
        return new ServerFrame.Error(ErrorCode.PAYLOAD_TOO_LARGE, "event " + seq
                + " is too large for one frame; read the job with status", null, jobId);
    }
}
