package dev.jobwire.aws.testing;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads real-shaped Lambda event JSON from test resources and turns it into the event classes
 * with the same serializer the Lambda Java runtime uses, so handlers see what they would on AWS.
 * {@code ${NAME}} placeholders are replaced from the given map (values JSON-escaped).
 */
public final class LambdaEvents {
    private LambdaEvents() {
    }

    public static <T> T load(Class<T> type, String resource, Map<String, String> values) {
        return parse(type, text(resource, values));
    }

    public static <T> T parse(Class<T> type, String json) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    public static String text(String resource, Map<String, String> values) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                json = json.replace("${" + value.getKey() + "}", escape(value.getValue()));
            }
            if (json.contains("${")) {
                throw new IllegalArgumentException(resource + " has a placeholder without a value: " + json);
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes a value for use inside a JSON string literal. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
