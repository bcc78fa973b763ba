package dev.jobwire.cli.socket;

import java.util.Objects;

/** What a {@link Session} receives: a whole text message, or the end of the connection. */
public sealed interface Incoming {

    /** One complete text message. */
    record Text(String text) implements Incoming {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The connection ended: a close frame from the server ({@code code} as sent), or a broken
     * connection ({@code code} -1, {@code reason} says why).
     */
    record Closed(int code, String reason) implements Incoming {
        public Closed {
            reason = reason == null ? "" : reason;
        }
    }
}
