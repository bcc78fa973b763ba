package dev.jobwire.core.port;

import dev.jobwire.core.model.ConnectionId;

/**
 * Sends one text frame to one WebSocket connection. Never throws for an outcome the caller must
 * handle: a closed connection, throttling, an oversized frame or a transient failure are all
 * {@link PushResult}s.
 */
public interface Pusher {

    PushResult push(ConnectionId connectionId, String frame);

    /** What became of one push. */
    enum PushResult {
        /** Accepted for delivery by the gateway. */
        DELIVERED,
        /** The connection no longer exists (410); it should be forgotten. */
        GONE,
        /** The gateway asked us to slow down (429); try again later. */
        THROTTLED,
        /** The frame is larger than the gateway accepts (413); retrying will not help. */
        TOO_LARGE,
        /** Any other failure (5xx, network); try again later. */
        FAILED;

        public boolean isRetryable() {
            return this == THROTTLED || this == FAILED;
        }
    }
}
