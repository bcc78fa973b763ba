package dev.jobwire.core.usecase;

import dev.jobwire.core.model.Connection;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.Notification;
import dev.jobwire.core.port.Pusher;
import dev.jobwire.core.protocol.ErrorCode;
import dev.jobwire.core.protocol.Frames;
import dev.jobwire.core.protocol.ServerFrame;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Pushes one job event to every live connection of the job's owner: the notifier's use case.
 *
 * <p>A connection that is gone (410) is deleted and the fan-out goes on. An event too large for
 * one frame is replaced, for that connection, by an {@code error} frame naming the job and seq, so
 * the client knows to fetch it with {@code status}. When any push is throttled or fails, the
 * whole notification is retried later: connections that already got it may get it again, which
 * clients deduplicate by ({@code jobId}, {@code seq}).
 */
public final class DeliverNotification {
    private static final Logger LOG = Logger.getLogger(DeliverNotification.class.getName());

    private final ConnectionStore connections;
    private final Pusher pusher;

    public DeliverNotification(ConnectionStore connections, Pusher pusher) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.pusher = Objects.requireNonNull(pusher, "pusher");
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
                case GONE -> connections.delete(connection.connectionId());
                case TOO_LARGE -> {
                    String tooLarge = Frames.write(new ServerFrame.Error(ErrorCode.PAYLOAD_TOO_LARGE,
                            "event " + notification.seq() + " is too large for one frame; read the job with status",
                            null, notification.jobId()));
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
}
