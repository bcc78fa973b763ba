package dev.jobwire.core.model;

import java.util.regex.Pattern;

/** An API Gateway WebSocket connection id, such as {@code L0SM9cOFvHcCIhw=}. */
public record ConnectionId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9+/=_-]{1,128}");

    public ConnectionId {
        Ids.require("connectionId", value, VALID);
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
