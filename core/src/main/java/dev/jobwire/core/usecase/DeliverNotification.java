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
 */
public final class DeliverNotification {
    private static final Logger LOG = Logger.getLogger(DeliverNotification.class.getName());

    /** How long a new connection is spared deletion on 410: its {@code $connect} may still be running. */
    public static final Duration CONNECTING_GRACE = Duration.ofSeconds(10);

    private final ConnectionStore connections;
    private final Pusher pusher;
    private final Clock clock;

    public DeliverNotification(ConnectionStore connections, Pusher pusher, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The outcome for the queue message. */
    public enum Outcome {
        DELIVERED,
        RETRY
    }

    public Outcome deliver(Notification notification) {
        boolean retry = false;
        for (Connection connection : connections.listByUser(notification.userId())) {
            Pusher.PushResult result = pusher.push(connection.connectionId(), notification.frame());
            switch (result) {
                case DELIVERED -> {
                }
                case GONE -> forget(connection);
                case TOO_LARGE -> {
                    String tooLarge = Frames.write(tooLarge(notification.jobId(), notification.seq()));
                    Pusher.PushResult second = pusher.push(connection.connectionId(), tooLarge);
                    retry |= second.isRetryable();
                }
                default -> {
                    LOG.info(() -> "push of " + notification.deduplicationId() + " to " + connection.connectionId()
                            + " was " + result + "; will retry");
                    retry = true;
                }
            }
        }
        return retry ? Outcome.RETRY : Outcome.DELIVERED;
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
