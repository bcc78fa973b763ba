package dev.jobwire.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** Shared validation for the identifier records. */
final class Ids {
    private Ids() {
    }

    static String require(String kind, String value, Pattern pattern) {
        Objects.requireNonNull(value, kind + " must not be null");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " is not valid: " + abbreviate(value));
        }
        return value;
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }
}
