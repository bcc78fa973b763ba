package dev.jobwire.core.model;

import java.util.regex.Pattern;

/**
 * The user a token speaks for (the JWT {@code sub}). Every job, event and connection is scoped
 * to one user. 1–256 printable characters without whitespace or {@code #}, which the stores use
 * as a key separator.
 */
public record UserId(String value) {
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x22\\x24-\\x7E]{1,256}");

    public UserId {
        Ids.require("userId", value, VALID);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
