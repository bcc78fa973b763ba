package dev.jobwire.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a handler object into "event JSON in, response JSON out", choosing serializers as the
 * Lambda Java runtime does: the events library's own serializer for its event types, the
 * runtime's Jackson POJO serializer for every other type.
 */
interface HandlerAdapter {
    String handle(String eventJson, Context context) throws Exception;

    static HandlerAdapter of(Object handler) {
        if (handler instanceof RequestHandler<?, ?> requestHandler) {
            return typed(requestHandler);
        }
        if (handler instanceof RequestStreamHandler streamHandler) {
            return (eventJson, context) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                streamHandler.handleRequest(
                        new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
                return out.toString(StandardCharsets.UTF_8);
            };
        }
        throw new IllegalArgumentException(handler.getClass().getName()
                + " implements neither RequestHandler nor RequestStreamHandler");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static HandlerAdapter typed(RequestHandler<?, ?> handler) {
        Type[] types = requestHandlerTypes(handler.getClass());
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer input = serializerFor(types[0], loader);
        PojoSerializer output = serializerFor(types[1], loader);
        RequestHandler raw = handler;
        return (eventJson, context) -> {
            Object event = input.fromJson(eventJson);
            Object response = raw.handleRequest(event, context);
            if (response == null) {
                return "null";
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            output.toJson(response, out);
            return out.toString(StandardCharsets.UTF_8);
        };
    }

    private static PojoSerializer<?> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
            return LambdaEventSerializers.serializerFor(cls, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** The {@code I} and {@code O} of {@code RequestHandler<I, O>} as {@code handlerClass} binds them; Object where unbound. */
    static Type[] requestHandlerTypes(Class<?> handlerClass) {
        Type[] found = find(handlerClass, Map.of());
        if (found == null) {
            throw new IllegalArgumentException(handlerClass.getName() + " does not implement RequestHandler");
        }
        for (int i = 0; i < found.length; i++) {
            if (!(found[i] instanceof Class<?>) && !(found[i] instanceof ParameterizedType)) {
                found[i] = Object.class;
            }
        }
        return found;
    }

    private static Type[] find(Type type, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                Type argument = arguments[i];
                bindings.put(variables[i], argument instanceof TypeVariable<?> v ? outer.getOrDefault(v, v) : argument);
            }
        } else if (type instanceof Class<?> cls) {
            raw = cls;
        } else {
            return null;
        }
        if (raw == RequestHandler.class) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            return new Type[] {
                bindings.getOrDefault(variables[0], Object.class), bindings.getOrDefault(variables[1], Object.class)
            };
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type[] found = find(parent, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, bindings);
    }
}
