package dev.jobwire.core.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on a command line: {@code 90s}, {@code 10m}, {@code 2h},
 * {@code 1h30m}, {@code 500ms}, {@code 2d}, {@code 0}, or ISO-8601 such as {@code PT15M}.
 * Negative durations are refused.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|d|h|m|s))+");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and showing how to write one */
    public static Duration parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.startsWith("p")) {
            try {
                Duration parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
                if (parsed.isNegative()) {
                    throw bad(value);
                }
                return parsed;
            } catch (DateTimeParseException e) {
                throw bad(value);
            }
        }
        if (!WHOLE.matcher(text).matches()) {
            throw bad(value);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(value);
        }
        return total;
    }

    private static IllegalArgumentException bad(String value) {
        return new IllegalArgumentException("'" + value
                + "' is not a duration; write it like 90s, 10m, 2h, 1h30m or 500ms");
    }
}
