package dev.jobwire.core.protocol;

import java.util.Locale;

/** The error codes of the wire protocol; the same codes are used by the HTTP API. */
public enum ErrorCode {
    BAD_REQUEST,
    UNKNOWN_ACTION,
    UNAUTHORIZED,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    RATE_LIMITED,
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
