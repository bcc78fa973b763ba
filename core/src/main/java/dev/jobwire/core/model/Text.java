package dev.jobwire.core.model;

/** Small text helpers for values that arrive from clients. */
public final class Text {
    private Text() {
    }

    /** Returns {@code value} cut to at most {@code max} characters; null and blank stay null. */
    public static String clip(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
