package dev.jobwire.local.template;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a SAM template ({@code template.yaml}) into the {@link LocalTemplate} the local runtime
 * runs, so that local wiring is taken from what deploys and cannot drift from it.
 *
 * <p>What is read, and nothing else (alarms, permissions, deployments, stages and
 * {@code Outputs} are never resolved):
 * <ul>
 *   <li>{@code AWS::Serverless::Function} with {@code Globals.Function} merged in (environment
 *       variables key by key, the function's own winning; {@code Timeout} 3 s and
 *       {@code MemorySize} 128 MB when neither sets them), and {@code AWS::Lambda::Function}:
 *       {@code Handler} ({@code a.b.C::method}, or {@code a.b.C} for {@code handleRequest}), whose
 *       class must be loadable, {@code Timeout}, {@code MemorySize},
 *       {@code ReservedConcurrentExecutions}, {@code Environment};</li>
 *   <li>{@code Events} of {@code Type: SQS} on a queue of the template; other event types are
 *       ignored, and {@code FilterCriteria}, which the local runtime cannot apply, is an error;</li>
 *   <li>the one {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}, its routes,
 *       their {@code AWS_PROXY} integrations and route responses (see {@link WebSocketApiDef});</li>
 *   <li>at most one {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: HTTP}, its routes and
 *       their {@code AWS_PROXY} integrations with payload format 2.0 (see {@link HttpApiDef});</li>
 *   <li>{@code AWS::SQS::Queue} and {@code AWS::DynamoDB::Table}.</li>
 * </ul>
 * Resources whose {@code Condition} is false do not exist. References resolve as
 * {@link TemplateContext} describes; a function's local name is its logical id.
 */
public final class TemplateLoader {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final int DEFAULT_BATCH_SIZE = 10;
    private static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_MESSAGE_RETENTION = Duration.ofDays(4);
    private static final String DEFAULT_HANDLER_METHOD = "handleRequest";

    private final Resolver resolver;
    private final String fileName;

    private TemplateLoader(Resolver resolver) {
        this.resolver = resolver;
        this.fileName = resolver.fileName();
    }

    /**
     * Loads the template.
     *
     * @throws TemplateException whose message starts with the file's name and names the resource
     *                           (and property) at fault, if the local runtime cannot run the template
     */
    public static LocalTemplate load(Path templateFile, TemplateContext context) {
        Objects.requireNonNull(templateFile, "templateFile");
        Objects.requireNonNull(context, "context");
        Path name = templateFile.getFileName();
        String fileName = name == null ? templateFile.toString() : name.toString();
        Map<String, Object> template = CloudFormationYaml.read(templateFile, fileName);
        return new TemplateLoader(new Resolver(fileName, template, context)).load();
    }

    private LocalTemplate load() {
        Map<String, QueueDef> queues = queues();
        Map<String, TableDef> tables = tables();
        Map<String, FunctionDef> functions = new LinkedHashMap<>();
        List<EventSourceDef> eventSources = new ArrayList<>();
        for (String id : resolver.resources(Resolver.SERVERLESS_FUNCTION, Resolver.LAMBDA_FUNCTION)) {
            boolean sam = resolver.type(id).equals(Resolver.SERVERLESS_FUNCTION);
            functions.put(id, function(id, sam));
            if (sam) {
                eventSources.addAll(sqsEvents(id));
            }
        }
        ApiGatewayV2Reader apis = new ApiGatewayV2Reader(resolver);
        WebSocketApiDef webSocketApi = apis.webSocketApi();
        return new LocalTemplate(functions, webSocketApi, queues, tables, eventSources, apis.httpApi());
    }

    private FunctionDef function(String id, boolean sam) {
        String handler = resolver.string(functionProperty(id, sam, "Handler"), id, "Handler");
        if (handler == null) {
            throw resolver.fail(id, "Handler is missing");
        }
        int separator = handler.indexOf("::");
        String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
        String handlerMethod = separator < 0 ? DEFAULT_HANDLER_METHOD : handler.substring(separator + 2);
        if (handlerClass.isBlank() || handlerMethod.isBlank()) {
            throw resolver.fail(id, "Handler " + handler + " is not a.b.Class or a.b.Class::method");
        }
        requireLoadable(id, handlerClass);
        Integer timeout = resolver.integer(functionProperty(id, sam, "Timeout"), id, "Timeout");
        Integer memory = resolver.integer(functionProperty(id, sam, "MemorySize"), id, "MemorySize");
        Integer reserved = resolver.integer(functionProperty(id, sam, "ReservedConcurrentExecutions"), id,
                "ReservedConcurrentExecutions");
        Map<String, String> environment = new LinkedHashMap<>();
        if (sam) {
            environment.putAll(variables(resolver.globalFunctionProperty("Environment"), Resolver.GLOBALS));
        }
        environment.putAll(variables(resolver.property(id, "Environment"), id));
        return built(() -> new FunctionDef(id, handlerClass, handlerMethod,
                timeout == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(timeout),
                memory == null ? DEFAULT_MEMORY_MB : memory, reserved, environment));
    }

    /** The function's own property, else (for SAM functions) Globals.Function's. */
    private Object functionProperty(String id, boolean sam, String key) {
        Object own = resolver.property(id, key);
        return own != null || !sam ? own : resolver.globalFunctionProperty(key);
    }

    private void requireLoadable(String id, String handlerClass) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class.forName(handlerClass, false, loader != null ? loader : TemplateLoader.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TemplateException(fileName + ": " + id + ": Handler class " + handlerClass
                    + " cannot be loaded: " + e, e);
        }
    }

    private Map<String, String> variables(Object environment, String where) {
        Map<String, Object> settings = resolver.map(environment, where, "Environment");
        if (settings == null) {
            return Map.of();
        }
        Map<String, Object> variables = resolver.map(settings.get("Variables"), where, "Environment.Variables");
        Map<String, String> texts = new LinkedHashMap<>();
        if (variables != null) {
            variables.forEach((name, value) ->
                    texts.put(name, resolver.string(value, where, "Environment.Variables." + name)));
        }
        return texts;
    }

    private List<EventSourceDef> sqsEvents(String function) {
        Object raw = resolver.rawProperty(function, "Events");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Map<?, ?> events)) {
            throw resolver.fail(function, "Events must be a mapping");
        }
        List<EventSourceDef> sources = new ArrayList<>();
        for (Map.Entry<?, ?> entry : events.entrySet()) {
            String path = "Events." + entry.getKey();
            if (!(entry.getValue() instanceof Map<?, ?> event)) {
                throw resolver.fail(function, path + " must be a mapping");
            }
            String type = resolver.string(resolver.resolve(event.get("Type"), function, path + ".Type"),
                    function, path + ".Type");
            if ("SQS".equals(type)) {
                String propertiesPath = path + ".Properties";
                Map<String, Object> properties = resolver.map(
                        resolver.resolve(event.get("Properties"), function, propertiesPath), function, propertiesPath);
                sources.add(sqsEvent(function, propertiesPath, properties == null ? Map.of() : properties));
            }
        }
        return sources;
    }

    private EventSourceDef sqsEvent(String function, String path, Map<String, Object> properties) {
        if (properties.containsKey("FilterCriteria")) {
            throw resolver.fail(function, path + ".FilterCriteria is not supported by the local runtime");
        }
        String arn = resolver.string(properties.get("Queue"), function, path + ".Queue");
        if (arn == null) {
            throw resolver.fail(function, path + ".Queue is missing");
        }
        String queue = resolver.queueWithArn(arn);
        if (queue == null) {
            throw resolver.fail(function, path + ".Queue " + arn + " names no " + Resolver.QUEUE
                    + " of the template");
        }
        Integer batchSize = resolver.integer(properties.get("BatchSize"), function, path + ".BatchSize");
        Integer window = resolver.integer(properties.get("MaximumBatchingWindowInSeconds"), function,
                path + ".MaximumBatchingWindowInSeconds");
        List<?> responseTypes = resolver.list(properties.get("FunctionResponseTypes"), function,
                path + ".FunctionResponseTypes");
        boolean reportFailures = false;
        if (responseTypes != null) {
            for (Object responseType : responseTypes) {
                reportFailures |= "ReportBatchItemFailures".equals(
                        resolver.string(responseType, function, path + ".FunctionResponseTypes"));
            }
        }
        Map<String, Object> scaling = resolver.map(properties.get("ScalingConfig"), function,
                path + ".ScalingConfig");
        Integer maximumConcurrency = scaling == null ? null
                : resolver.integer(scaling.get("MaximumConcurrency"), function,
                path + ".ScalingConfig.MaximumConcurrency");
        Boolean enabled = resolver.bool(properties.get("Enabled"), function, path + ".Enabled");
        boolean reportBatchItemFailures = reportFailures;
        return built(() -> new EventSourceDef(function, queue, batchSize == null ? DEFAULT_BATCH_SIZE : batchSize,
                Duration.ofSeconds(window == null ? 0 : window), reportBatchItemFailures, maximumConcurrency,
                enabled == null || enabled));
    }

    private Map<String, QueueDef> queues() {
        Map<String, QueueDef> queues = new LinkedHashMap<>();
        for (String id : resolver.resources(Resolver.QUEUE)) {
            String name = resolver.queueName(id);
            boolean fifo = flag(id, "FifoQueue");
            boolean contentBasedDeduplication = flag(id, "ContentBasedDeduplication");
            Integer visibility = resolver.integer(resolver.property(id, "VisibilityTimeout"), id, "VisibilityTimeout");
            Integer retention = resolver.integer(resolver.property(id, "MessageRetentionPeriod"), id,
                    "MessageRetentionPeriod");
            Map<String, Object> redrive = redrivePolicy(id);
            String deadLetterQueue = null;
            int maxReceiveCount = 0;
            if (redrive != null) {
                String target = resolver.string(redrive.get("deadLetterTargetArn"), id,
                        "RedrivePolicy.deadLetterTargetArn");
                if (target == null) {
                    throw resolver.fail(id, "RedrivePolicy.deadLetterTargetArn is missing");
                }
                deadLetterQueue = resolver.queueWithArn(target);
                if (deadLetterQueue == null) {
                    throw resolver.fail(id, "RedrivePolicy.deadLetterTargetArn " + target + " names no "
                            + Resolver.QUEUE + " of the template");
                }
                Integer count = resolver.integer(redrive.get("maxReceiveCount"), id, "RedrivePolicy.maxReceiveCount");
                if (count == null || count < 1) {
                    throw resolver.fail(id, "RedrivePolicy.maxReceiveCount must be at least 1");
                }
                maxReceiveCount = count;
            }
            String deadLetter = deadLetterQueue;
            int receives = maxReceiveCount;
            queues.put(id, built(() -> new QueueDef(id, name, fifo, contentBasedDeduplication,
                    visibility == null ? DEFAULT_VISIBILITY_TIMEOUT : Duration.ofSeconds(visibility),
                    retention == null ? DEFAULT_MESSAGE_RETENTION : Duration.ofSeconds(retention),
                    deadLetter, receives)));
        }
        return queues;
    }

    /** {@code RedrivePolicy} is JSON: a mapping in YAML, or a string of JSON text. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> redrivePolicy(String queue) {
        Object policy = resolver.property(queue, "RedrivePolicy");
        if (policy instanceof String json) {
            try {
                policy = new Gson().fromJson(json, Map.class);
            } catch (JsonParseException e) {
                throw resolver.fail(queue, "RedrivePolicy", "is not a JSON object: " + e.getMessage());
            }
        }
        return resolver.map(policy, queue, "RedrivePolicy");
    }

    private boolean flag(String id, String property) {
        return Boolean.TRUE.equals(resolver.bool(resolver.property(id, property), id, property));
    }

    private Map<String, TableDef> tables() {
        Map<String, TableDef> tables = new LinkedHashMap<>();
        for (String id : resolver.resources(Resolver.TABLE)) {
            TableDef table = built(() -> new TableDef(id, resolver.tableName(id), resolver.properties(id)));
            built(() -> LocalTables.createTableRequest(table));
            tables.put(id, table);
        }
        return tables;
    }

    /** Builds a value whose own checks name the resource; the message gains the file's name. */
    private <T> T built(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new TemplateException(fileName + ": " + e.getMessage(), e);
        }
    }
}
