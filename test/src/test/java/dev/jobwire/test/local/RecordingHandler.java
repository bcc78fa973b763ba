package dev.jobwire.test.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jobwire.aws.lambda.LambdaWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A route function for tests that keeps every event exactly as the gateway sent it (raw JSON, so
 * fields the Lambda events library does not model, such as {@code disconnectStatusCode}, survive).
 */
public final class RecordingHandler implements RequestStreamHandler {
    static final List<JsonObject> EVENTS = new CopyOnWriteArrayList<>();

    public RecordingHandler(LambdaWiring wiring) {
        // needs no adapters
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EVENTS.add(JsonParser.parseString(new String(input.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject());
        output.write("{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8));
    }

    static List<JsonObject> forConnection(String connectionId) {
        return EVENTS.stream()
                .filter(e -> connectionId.equals(e.getAsJsonObject("requestContext").get("connectionId").getAsString()))
                .toList();
    }
}
