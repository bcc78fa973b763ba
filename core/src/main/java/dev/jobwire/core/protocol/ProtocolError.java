package dev.jobwire.core.protocol;

import java.util.Objects;

/**
 * A request the server refuses, as data: becomes an {@code error} frame.
 *
 * @param requestId echoed from the request when it could be read; may be null
 */
public record ProtocolError(ErrorCode code, String message, String requestId) {
    public ProtocolError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public ServerFrame.Error toFrame() {
        return new ServerFrame.Error(code, message, requestId, null);
    }
}
