package dev.jobwire.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

/** Lenient reading of server frames: a client ignores what it does not know instead of failing on it. */
public final class Json {
    private Json() {
    }

    /** The frame as an object, or null when it is not a JSON object. */
    public static JsonObject object(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    /** A string field, or null when absent or not a string. */
    public static String string(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : null;
    }

    /** A number field, or {@code fallback} when absent or not a number. */
    public static long number(JsonObject json, String field, long fallback) {
        JsonElement value = json == null ? null : json.get(field);
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            try {
                return value.getAsBigDecimal().longValue();
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public static boolean bool(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()
                && value.getAsBoolean();
    }

    /** An object field, or null. */
    public static JsonObject child(JsonObject json, String field) {
        JsonElement value = json == null ? null : json.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }
}
