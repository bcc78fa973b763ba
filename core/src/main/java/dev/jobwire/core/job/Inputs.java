package dev.jobwire.core.job;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/** Reads typed fields from a job's input, turning every mistake into an {@link InvalidInputException}. */
public final class Inputs {
    private Inputs() {
    }

    public static long integer(JsonObject input, String field, long defaultValue, long min, long max)
            throws InvalidInputException {
        JsonElement element = input.get(field);
        if (element == null || element.isJsonNull()) {
            return defaultValue;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new InvalidInputException(field + " must be a whole number");
        }
        long value;
        try {
            BigDecimal decimal = element.getAsBigDecimal();
            value = decimal.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidInputException(field + " must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidInputException(field + " must be between " + min + " and " + max);
        }
        return value;
    }

    public static String string(JsonObject input, String field, String defaultValue, int maxLength)
            throws InvalidInputException {
        JsonElement element = input.get(field);
        if (element == null || element.isJsonNull()) {
            return defaultValue;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(field + " must be a string");
        }
        String value = element.getAsString();
        if (value.length() > maxLength) {
            throw new InvalidInputException(field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    public static String oneOf(JsonObject input, String field, String defaultValue, Set<String> allowed)
            throws InvalidInputException {
        String value = string(input, field, defaultValue, 64);
        if (!allowed.contains(value)) {
            throw new InvalidInputException(field + " must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    /** Refuses fields the job does not know, so that a typo is an error rather than a default. */
    public static void onlyFields(JsonObject input, Set<String> known) throws InvalidInputException {
        for (String field : input.keySet()) {
            if (!known.contains(field)) {
                throw new InvalidInputException("unknown field '" + field + "'; expected "
                        + known.stream().sorted().toList());
            }
        }
    }
}
