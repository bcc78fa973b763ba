package dev.jobwire.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/** JSON held as compact text, so that records stay immutable and stores need no mapping. */
public final class JsonText {
    // The adapter, unlike JsonParser, keeps the reader strict: no comments, single quotes or NaN.
    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

    private JsonText() {
    }

    /** Checks that {@code json} is one JSON object and returns it in compact form. */
    public static String requireObject(String field, String json) {
        if (json == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        JsonElement element = parseStrict(field, json);
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object");
        }
        return element.toString();
    }

    /** Checks that {@code json} is one JSON value (of any kind) and returns it in compact form. */
    public static String requireValue(String field, String json) {
        if (json == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return parseStrict(field, json).toString();
    }

    public static JsonObject parseObject(String json) {
        return parseStrict("json", json).getAsJsonObject();
    }

    public static JsonElement parse(String json) {
        return parseStrict("json", json);
    }

    private static JsonElement parseStrict(String field, String json) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = ELEMENT.read(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException(field + " has trailing content");
            }
            return element;
        } catch (JsonParseException | java.io.IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not valid JSON", e);
        }
    }
}
