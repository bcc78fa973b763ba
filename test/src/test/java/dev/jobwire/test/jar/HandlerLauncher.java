package dev.jobwire.test.jar;

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
import java.security.CodeSource;

/**
 * Invokes one Lambda handler once, in a JVM of its own, the way the Lambda Java runtime does: it
 * constructs the handler with its no-argument constructor (the init phase), then turns the event
 * JSON into the event class and the response back into JSON with the runtime's own serializer,
 * chosen by the runtime's rule: the event serializers for the event classes Lambda supports
 * ({@link LambdaEventSerializers#isLambdaSupportedEvent}), plain Jackson for every other class.
 *
 * <p>Arguments: the handler class, the event class, the path of the event JSON. On success it
 * prints three lines to standard output, each starting with its prefix: {@link #SOURCE} and where
 * the handler class was loaded from, {@link #RESPONSE} and the response as one line of JSON,
 * {@link #TIMINGS} and the milliseconds from the JVM's start to the handler constructed and to
 * the response serialised. A failure is an uncaught exception: exit code 1, the stack trace on
 * standard error.
 *
 * <p>It is one class without nested classes, so that its single {@code .class} file is all a
 * test has to put beside a deployment jar.
 */
public final class HandlerLauncher {
    public static final String SOURCE = "launcher-source ";
    public static final String RESPONSE = "launcher-response ";
    public static final String TIMINGS = "launcher-timings ";

    private HandlerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: HandlerLauncher <handler class> <event class> <event json file>");
        }
        ClassLoader loader = HandlerLauncher.class.getClassLoader();
        Class<?> handlerType = Class.forName(args[0], true, loader);
        Object constructed = handlerType.getConstructor().newInstance();
        long constructedAt = System.currentTimeMillis();

        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) constructed;
        @SuppressWarnings("unchecked")
        Class<Object> eventType = (Class<Object>) Class.forName(args[1], true, loader);
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            event = serializerFor(eventType, loader).fromJson(in);
        }
        Object response = handler.handleRequest(event, null);
        if (response == null) {
            throw new IllegalStateException(args[0] + " returned null");
        }
        @SuppressWarnings("unchecked")
        Class<Object> responseType = (Class<Object>) response.getClass();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        serializerFor(responseType, loader).toJson(response, json);
        long respondedAt = System.currentTimeMillis();

        // Read after the measurements, so that loading the management classes is not counted.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        CodeSource source = handlerType.getProtectionDomain().getCodeSource();
        System.out.println(SOURCE + (source == null ? "unknown" : source.getLocation()));
        System.out.println(RESPONSE + json.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.println(TIMINGS + (constructedAt - jvmStart) + " " + (respondedAt - jvmStart));
    }

    private static PojoSerializer<Object> serializerFor(Class<Object> type, ClassLoader loader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
