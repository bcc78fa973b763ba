package dev.jobwire.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cold start of one function, in a JVM started for it alone: constructs the handler with the
 * no-argument constructor Lambda calls (init), reads the event with the Lambda Java runtime's
 * serializer, handles it once and serialises the response. Prints one line
 * {@code coldstart <ms to constructed> <ms to responded> <response JSON>}, both times counted from
 * the JVM's start; exits 1 with a stack trace on any failure.
 *
 * <p>One class with no nested classes, so that the bench can put its single class file, the
 * deployment jar and the serializer jar — and nothing else — on the class path.
 */
public final class ColdStartLauncher {
    /** Prefix of the line the bench reads. */
    public static final String PREFIX = "coldstart ";

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("arguments: <handler class> <event class> <event JSON file>");
        }
        ClassLoader loader = ColdStartLauncher.class.getClassLoader();
        Object constructed = Class.forName(args[0], true, loader).getConstructor().newInstance();
        long constructedAt = System.currentTimeMillis();
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) constructed;
        @SuppressWarnings("unchecked")
        Class<Object> eventClass = (Class<Object>) Class.forName(args[1], true, loader);
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            event = serializer(eventClass, loader).fromJson(in);
        }
        Object response = handler.handleRequest(event, null);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        if (response != null) {
            @SuppressWarnings("unchecked")
            Class<Object> responseClass = (Class<Object>) response.getClass();
            serializer(responseClass, loader).toJson(response, json);
        }
        long respondedAt = System.currentTimeMillis();
        long jvmStartedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(PREFIX + (constructedAt - jvmStartedAt) + " " + (respondedAt - jvmStartedAt) + " "
                + (response == null ? "null" : json.toString(StandardCharsets.UTF_8).replace('\n', ' ')));
    }

    private static PojoSerializer<Object> serializer(Class<Object> type, ClassLoader loader) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, loader)
                : JacksonFactory.getInstance().getSerializer(type);
    }
}
