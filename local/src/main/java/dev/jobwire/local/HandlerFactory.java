package dev.jobwire.local;

import dev.jobwire.aws.AwsClients;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.lambda.LambdaWiring;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.local.template.FunctionDef;
import dev.jobwire.local.template.TemplateException;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a function's real handler class the way its Lambda execution environment would, but with
 * the function's environment taken from the template instead of the process: the handler's own
 * {@code REQUIRED_SETTINGS} are checked against it (so a variable missing from the template stops
 * the start, as it would fail the deployed function's cold start), and its adapters come from a
 * {@link LambdaWiring} built on the local endpoints and tables.
 */
final class HandlerFactory {
    private final String region;
    private final Function<Settings, AwsClients> clients;
    private final LambdaWiring.Tables tables;
    private final JobTypeRegistry types;
    private final Map<String, String> localEnvironment;

    HandlerFactory(String region, Function<Settings, AwsClients> clients, LambdaWiring.Tables tables,
                   JobTypeRegistry types) {
        this(region, clients, tables, types, Map.of());
    }

    /**
     * @param localEnvironment variables every function gets on top of the template's: switches of
     *                         the local runtime (such as {@code CALLBACK_LOOPBACK_ALLOWED}) that no
     *                         template may set
     */
    HandlerFactory(String region, Function<Settings, AwsClients> clients, LambdaWiring.Tables tables,
                   JobTypeRegistry types, Map<String, String> localEnvironment) {
        this.localEnvironment = Map.copyOf(localEnvironment);
        this.types = Objects.requireNonNull(types, "types");
        this.region = Objects.requireNonNull(region, "region");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    Object create(FunctionDef function) {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new TemplateException(function.logicalId() + ": handler class " + function.handlerClass()
                    + " is not on the classpath", e);
        }
        Map<String, String> environment = new HashMap<>(function.environment());
        // Lambda sets AWS_REGION in every function; a template does not.
        environment.put("AWS_REGION", region);
        environment.putAll(localEnvironment);
        Settings settings;
        try {
            settings = Settings.fromEnvironment(environment, requiredSettings(type));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new TemplateException(function.logicalId() + ": " + e.getMessage(), e);
        }
        LambdaWiring wiring = new LambdaWiring(settings, clients.apply(settings), tables, types);
        try {
            return type.getConstructor(LambdaWiring.class).newInstance(wiring);
        } catch (NoSuchMethodException e) {
            throw new TemplateException(function.logicalId() + ": " + type.getName()
                    + " has no public constructor taking a LambdaWiring", e);
        } catch (InvocationTargetException e) {
            throw new TemplateException(function.logicalId() + ": constructing " + type.getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TemplateException(function.logicalId() + ": cannot construct " + type.getName() + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Settings.Variable> requiredSettings(Class<?> type) {
        try {
            return (Set<Settings.Variable>) type.getField("REQUIRED_SETTINGS").get(null);
        } catch (NoSuchFieldException e) {
            return Set.of();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + ".REQUIRED_SETTINGS is not readable", e);
        }
    }
}
