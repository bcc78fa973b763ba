package dev.jobwire.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.jobwire.aws.Settings;
import dev.jobwire.core.model.JobId;
import dev.jobwire.core.protocol.ClientMessage;
import dev.jobwire.core.protocol.ClientMessageParser;
import dev.jobwire.core.usecase.HttpRequests;
import dev.jobwire.local.template.CloudFormationYaml;
import dev.jobwire.worker.DeadLetterHandler;
import dev.jobwire.worker.WorkerHandler;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@code template.yaml} and the code to each other: what deploys is what was built and
 * tested. Handler classes, their event types, the settings they require, the jar they live in,
 * the routes the protocol knows, and the retry arithmetic of the queues.
 */
class TemplateConsistencyTest {

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final Set<String> LIFECYCLE_ROUTES = Set.of("$connect", "$disconnect", "$default");
    /** Environment variables a function may set that are not jobwire settings. */
    private static final Set<String> RUNTIME_OPTIONS = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern HANDLER = Pattern.compile("([\\w.$]+)::handleRequest");
    private static final Pattern CODE_URI = Pattern.compile("([a-z][a-z0-9-]*)/target/jobwire-\\1-lambda\\.jar");
    private static final Pattern INTEGRATION_TARGET = Pattern.compile("integrations/\\$\\{(\\w+)}");
    private static final Pattern ALIAS_INVOCATION =
            Pattern.compile("arn:\\$\\{AWS::Partition}:apigateway:\\$\\{AWS::Region}:lambda:path/2015-03-31/functions/"
                    + "\\$\\{(\\w+)\\.Alias}/invocations");

    private static Path root;
    private static Map<String, Object> template;

    @BeforeAll
    static void loadTemplate() throws IOException {
        root = repositoryRoot();
        template = CloudFormationYaml.read(root.resolve("template.yaml"));
    }

    static Stream<String> functions() {
        return resourcesOfType(FUNCTION).keySet().stream();
    }

    static Stream<String> sqsFunctions() {
        return functions().filter(function -> !sqsEvents(function).isEmpty());
    }

    @Test
    void template_declaresTheEightFunctions() {
        assertThat(resourcesOfType(FUNCTION)).containsOnlyKeys("ConnectFunction", "DisconnectFunction",
                "SubmitFunction", "WorkerFunction", "JobsDeadLetterFunction", "NotifierFunction", "HttpApiFunction",
                "WebhookFunction");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handler_implementsRequestHandlerForItsEventSource(String function) {
        Class<?> handler = handlerClass(function);
        boolean websocket = websocketFunctions().contains(function);
        boolean http = httpFunctions().contains(function);
        boolean sqs = !sqsEvents(function).isEmpty();
        assertThat(websocket && sqs).as("%s is both a WebSocket route and an SQS consumer", function).isFalse();
        assertThat(websocket && http).as("%s serves both APIs", function).isFalse();

        Type[] types = requestHandlerTypes(handler)
                .orElseThrow(() -> new AssertionError(handler.getName() + " does not implement RequestHandler<I, O>"));
        if (http) {
            assertThat(types).as("%s serves HTTP API routes (payload format 2.0)", handler.getName())
                    .containsExactly(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
        } else if (websocket) {
            assertThat(types).as("%s serves WebSocket routes", handler.getName())
                    .containsExactly(APIGatewayV2WebSocketEvent.class, APIGatewayV2WebSocketResponse.class);
        } else if (sqs) {
            assertThat(types).as("%s consumes SQS", handler.getName())
                    .containsExactly(SQSEvent.class, SQSBatchResponse.class);
        } else {
            fail("%s is neither the target of a route integration nor fed by an SQS event source", function);
        }
    }

    @Test
    void routeKeys_areTheLifecycleRoutesAndTheKnownActions() {
        Set<String> routeKeys = new TreeSet<>();
        routes().values().forEach(route -> routeKeys.add(string(properties(route).get("RouteKey"))));

        for (String key : routeKeys) {
            if (!LIFECYCLE_ROUTES.contains(key)) {
                assertThat(ClientMessageParser.isKnownAction(key))
                        .as("route %s is not an action ClientMessageParser knows", key).isTrue();
            }
        }
        Set<String> expected = new TreeSet<>(LIFECYCLE_ROUTES);
        expected.addAll(knownActions());
        assertThat(routeKeys).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void httpApiRouteKeys_areExactlyTheRoutesTheHttpApiAnswers() {
        Set<String> routeKeys = new TreeSet<>();
        httpRoutes().values().forEach(route -> routeKeys.add(string(properties(route).get("RouteKey"))));

        assertThat(routeKeys).containsExactlyInAnyOrderElementsOf(HttpRequests.ROUTE_KEYS);
    }

    @Test
    void httpApiIntegrations_usePayloadFormat2() {
        Set<String> integrations = new TreeSet<>();
        httpRoutes().forEach((name, route) -> integrations.add(match(INTEGRATION_TARGET,
                subString(properties(route).get("Target")), name + " Target")));
        assertThat(integrations).isNotEmpty();
        for (String integration : integrations) {
            assertThat(properties(resources().get(integration)).get("PayloadFormatVersion")).as(integration)
                    .isEqualTo("2.0");
        }
    }

    @Test
    void everyRoute_targetsAnIntegrationThatInvokesAFunctionAlias() {
        Map<String, Object> resources = resources();
        Map<String, Object> all = new LinkedHashMap<>(routes());
        all.putAll(httpRoutes());
        all.forEach((name, route) -> {
            String integration = match(INTEGRATION_TARGET, subString(properties(route).get("Target")),
                    name + " Target");
            assertThat(type(resources.get(integration))).as("%s targets %s", name, integration)
                    .isEqualTo("AWS::ApiGatewayV2::Integration");
            Map<String, Object> properties = properties(resources.get(integration));
            assertThat(properties.get("IntegrationType")).as(integration).isEqualTo("AWS_PROXY");
            // The alias, not the function: SnapStart restores published versions only.
            String function = match(ALIAS_INVOCATION, subString(properties.get("IntegrationUri")),
                    integration + " IntegrationUri");
            assertThat(type(resources.get(function))).as("%s invokes %s", integration, function).isEqualTo(FUNCTION);
        });
    }

    @Test
    void everyRouteButConnectAndDisconnect_repliesThroughADefaultRouteResponse() {
        Map<String, String> responseKeyByRoute = new LinkedHashMap<>();
        resourcesOfType("AWS::ApiGatewayV2::RouteResponse").values().forEach(response -> {
            Map<String, Object> properties = properties(response);
            responseKeyByRoute.put(ref(properties.get("RouteId")), string(properties.get("RouteResponseKey")));
        });
        routes().forEach((name, route) -> {
            Map<String, Object> properties = properties(route);
            String key = string(properties.get("RouteKey"));
            if (key.equals("$connect") || key.equals("$disconnect")) {
                assertThat(responseKeyByRoute).as("route %s cannot answer", key).doesNotContainKey(name);
            } else {
                assertThat(properties.get("RouteResponseSelectionExpression")).as(name).isEqualTo("$default");
                assertThat(responseKeyByRoute).as(name).containsEntry(name, "$default");
            }
        });
    }

    @Test
    void everyRouteFunction_letsApiGatewayInvokeItsAlias() {
        Set<String> permitted = new HashSet<>();
        resourcesOfType("AWS::Lambda::Permission").values().forEach(permission -> {
            Map<String, Object> properties = properties(permission);
            if ("apigateway.amazonaws.com".equals(properties.get("Principal"))
                    && "lambda:InvokeFunction".equals(properties.get("Action"))) {
                String alias = ref(properties.get("FunctionName"));
                if (alias.endsWith(".Alias")) {
                    permitted.add(alias.substring(0, alias.length() - ".Alias".length()));
                }
            }
        });
        assertThat(permitted).containsAll(websocketFunctions()).containsAll(httpFunctions());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void environment_setsEveryRequiredSetting(String function) {
        Set<String> environment = environment(function).keySet();
        for (Settings.Variable variable : requiredSettings(handlerClass(function))) {
            if (!variable.providedByLambda()) {
                assertThat(environment).as("%s needs %s", function, variable.name()).contains(variable.name());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void environment_setsOnlyKnownSettings_andNoneThatLambdaProvides(String function) {
        Map<String, Settings.Variable> known = new LinkedHashMap<>();
        for (Settings.Variable variable : Settings.Variable.values()) {
            known.put(variable.name(), variable);
        }
        for (String name : environment(function).keySet()) {
            if (!RUNTIME_OPTIONS.contains(name)) {
                assertThat(known).as("%s sets %s, which is no setting", function, name).containsKey(name);
                assertThat(known.get(name).providedByLambda()).as("%s sets %s, which Lambda provides", function, name)
                        .isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void codeUri_isTheShadedJarOfTheModuleHoldingTheHandler(String function) {
        String codeUri = string(properties(resources().get(function)).get("CodeUri"));
        String module = match(CODE_URI, codeUri, function + " CodeUri");
        Path source = root.resolve(module).resolve("src/main/java")
                .resolve(handlerClass(function).getName().replace('.', '/') + ".java");
        assertThat(source).as("%s runs a handler that %s/ must contain", function, module).isRegularFile();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsFunctions")
    void everySqsEventSource_reportsBatchItemFailures(String function) {
        sqsEvents(function).forEach((name, properties) ->
                assertThat(properties.get("FunctionResponseTypes"))
                        .as("%s event %s FunctionResponseTypes", function, name)
                        .asInstanceOf(InstanceOfAssertFactories.LIST).contains("ReportBatchItemFailures"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsFunctions")
    void everySqsEventSource_queueOutlastsSixTimesTheFunctionTimeout(String function) {
        int timeout = integer(functionProperty(function, "Timeout")
                .orElseThrow(() -> new AssertionError(function + " has no Timeout")));
        sqsEvents(function).forEach((name, properties) -> {
            Object visibility = properties(resources().get(queue(properties))).get("VisibilityTimeout");
            assertThat(visibility).as("%s event %s: the queue needs an explicit VisibilityTimeout", function, name)
                    .isNotNull();
            assertThat(integer(visibility)).as("%s event %s: VisibilityTimeout against Timeout %d s",
                    function, name, timeout).isGreaterThanOrEqualTo(6 * timeout);
        });
    }

    @Test
    void jobsQueueMaxReceiveCount_andMaxAttempts_comeFromOneParameter() {
        String parameter = ref(jobsQueueRedrivePolicy().get("maxReceiveCount"));
        assertThat(map(template.get("Parameters"), "Parameters")).as("maxReceiveCount refers to a parameter")
                .containsKey(parameter);

        String worker = functionWithHandler(WorkerHandler.class);
        assertThat(environment(worker)).as("%s's MAX_ATTEMPTS", worker).containsKey("MAX_ATTEMPTS");
        for (String function : resourcesOfType(FUNCTION).keySet()) {
            Object maxAttempts = environment(function).get("MAX_ATTEMPTS");
            if (maxAttempts != null) {
                assertThat(ref(maxAttempts)).as("%s's MAX_ATTEMPTS", function).isEqualTo(parameter);
            }
        }
    }

    @Test
    void deadLetterHandler_consumesTheJobsQueuesDeadLetterQueue() {
        String deadLetterQueue = getAttArn(jobsQueueRedrivePolicy().get("deadLetterTargetArn"));
        assertThat(onlyQueue(functionWithHandler(DeadLetterHandler.class))).isEqualTo(deadLetterQueue);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml beside a pom.xml in " + Path.of("").toAbsolutePath()
                + " or any parent directory");
    }

    /** Every action a client can send, from the sealed {@link ClientMessage} hierarchy. */
    private static Set<String> knownActions() {
        Set<String> actions = new TreeSet<>();
        for (Class<?> type : ClientMessage.class.getPermittedSubclasses()) {
            ClientMessage message = (ClientMessage) sampleRecord(type);
            assertThat(ClientMessageParser.isKnownAction(message.action()))
                    .as("ClientMessageParser refuses %s's action %s", type.getSimpleName(), message.action()).isTrue();
            actions.add(message.action());
        }
        return actions;
    }

    private static Object sampleRecord(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new AssertionError(type.getName() + " is not a record");
        }
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(types[i], type);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a sample " + type.getName(), e);
        }
    }

    private static Object sampleValue(Class<?> type, Class<?> owner) {
        if (type == String.class) {
            return "probe";
        } else if (type == JobId.class) {
            return JobId.of("probe");
        } else if (type == List.class) {
            return List.of();
        } else if (type == long.class) {
            return 0L;
        } else if (type == int.class) {
            return 0;
        } else if (type == boolean.class) {
            return false;
        }
        throw new AssertionError("no sample value for " + type.getName() + " in " + owner.getName()
                + "; add one to sampleValue");
    }

    private static Optional<Type[]> requestHandlerTypes(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            Optional<Type[]> found = requestHandlerTypesAmong(current.getGenericInterfaces());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Type[]> requestHandlerTypesAmong(Type[] interfaces) {
        for (Type candidate : interfaces) {
            Class<?> raw = candidate instanceof ParameterizedType parameterized
                    ? (Class<?>) parameterized.getRawType() : (Class<?>) candidate;
            if (raw == RequestHandler.class && candidate instanceof ParameterizedType parameterized) {
                return Optional.of(parameterized.getActualTypeArguments());
            }
            Optional<Type[]> inherited = requestHandlerTypesAmong(raw.getGenericInterfaces());
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return Optional.empty();
    }

    private static Set<Settings.Variable> requiredSettings(Class<?> handler) {
        Field field;
        try {
            field = handler.getField("REQUIRED_SETTINGS");
        } catch (NoSuchFieldException e) {
            throw new AssertionError(handler.getName() + " has no public REQUIRED_SETTINGS", e);
        }
        assertThat(Modifier.isStatic(field.getModifiers())).as("%s.REQUIRED_SETTINGS is static", handler.getName())
                .isTrue();
        try {
            Set<?> values = (Set<?>) field.get(null);
            Set<Settings.Variable> variables = new HashSet<>();
            for (Object value : values) {
                variables.add((Settings.Variable) value);
            }
            return variables;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Class<?> handlerClass(String function) {
        String handler = string(properties(resources().get(function)).get("Handler"));
        String className = match(HANDLER, handler, function + " Handler");
        try {
            return Class.forName(className, false, TemplateConsistencyTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(function + " names handler class " + className + ", which does not exist", e);
        }
    }

    private static String functionWithHandler(Class<?> handler) {
        List<String> matches = new ArrayList<>();
        for (String function : resourcesOfType(FUNCTION).keySet()) {
            if (handlerClass(function) == handler) {
                matches.add(function);
            }
        }
        assertThat(matches).as("functions running %s", handler.getName()).hasSize(1);
        return matches.get(0);
    }

    /** The redrive policy of the queue that feeds the worker. */
    private static Map<String, Object> jobsQueueRedrivePolicy() {
        String jobsQueue = onlyQueue(functionWithHandler(WorkerHandler.class));
        return map(properties(resources().get(jobsQueue)).get("RedrivePolicy"), jobsQueue + " RedrivePolicy");
    }

    /** Functions that some integration of the WebSocket API invokes. */
    private static Set<String> websocketFunctions() {
        return integrationFunctions("WEBSOCKET");
    }

    /** Functions that some integration of the HTTP API invokes. */
    private static Set<String> httpFunctions() {
        return integrationFunctions("HTTP");
    }

    private static Set<String> integrationFunctions(String protocol) {
        Set<String> functions = new TreeSet<>();
        resourcesOfType("AWS::ApiGatewayV2::Integration").forEach((name, integration) -> {
            if (!apisOf(protocol).contains(ref(properties(integration).get("ApiId")))) {
                return;
            }
            Matcher matcher = ALIAS_INVOCATION.matcher(subString(properties(integration).get("IntegrationUri")));
            if (matcher.matches()) {
                functions.add(matcher.group(1));
            }
        });
        return functions;
    }

    private static Set<String> apisOf(String protocol) {
        Set<String> apis = new TreeSet<>();
        resourcesOfType("AWS::ApiGatewayV2::Api").forEach((name, api) -> {
            if (protocol.equals(properties(api).get("ProtocolType"))) {
                apis.add(name);
            }
        });
        return apis;
    }

    private static Map<String, Map<String, Object>> sqsEvents(String function) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        Object declared = properties(resources().get(function)).get("Events");
        if (declared != null) {
            map(declared, function + " Events").forEach((name, event) -> {
                Map<String, Object> body = map(event, function + " event " + name);
                if ("SQS".equals(body.get("Type"))) {
                    events.put(name, map(body.get("Properties"), function + " event " + name + " Properties"));
                }
            });
        }
        return events;
    }

    private static String onlyQueue(String function) {
        Map<String, Map<String, Object>> events = sqsEvents(function);
        assertThat(events).as("%s's SQS event sources", function).hasSize(1);
        return queue(events.values().iterator().next());
    }

    private static String queue(Map<String, Object> sqsEventProperties) {
        String queue = getAttArn(sqsEventProperties.get("Queue"));
        assertThat(type(resources().get(queue))).as(queue).isEqualTo("AWS::SQS::Queue");
        return queue;
    }

    /** The effective environment: Globals, overridden by the function's own variables. */
    private static Map<String, Object> environment(String function) {
        Map<String, Object> environment = new LinkedHashMap<>(variables(globalFunctionProperties().get("Environment")));
        environment.putAll(variables(properties(resources().get(function)).get("Environment")));
        return environment;
    }

    private static Map<String, Object> variables(Object environment) {
        if (environment == null) {
            return Map.of();
        }
        Object variables = map(environment, "Environment").get("Variables");
        return variables == null ? Map.of() : map(variables, "Environment Variables");
    }

    private static Optional<Object> functionProperty(String function, String name) {
        Object own = properties(resources().get(function)).get(name);
        return Optional.ofNullable(own != null ? own : globalFunctionProperties().get(name));
    }

    private static Map<String, Object> globalFunctionProperties() {
        Object globals = template.get("Globals");
        if (globals == null) {
            return Map.of();
        }
        Object function = map(globals, "Globals").get("Function");
        return function == null ? Map.of() : map(function, "Globals Function");
    }

    /** The routes of the WebSocket API. */
    private static Map<String, Object> routes() {
        return routesOf("WEBSOCKET");
    }

    /** The routes of the HTTP API. */
    private static Map<String, Object> httpRoutes() {
        return routesOf("HTTP");
    }

    private static Map<String, Object> routesOf(String protocol) {
        Set<String> apis = apisOf(protocol);
        Map<String, Object> routes = new LinkedHashMap<>();
        resourcesOfType("AWS::ApiGatewayV2::Route").forEach((name, route) -> {
            if (apis.contains(ref(properties(route).get("ApiId")))) {
                routes.put(name, route);
            }
        });
        return routes;
    }

    private static Map<String, Object> resources() {
        return map(template.get("Resources"), "Resources");
    }

    private static Map<String, Object> resourcesOfType(String type) {
        Map<String, Object> matching = new LinkedHashMap<>();
        resources().forEach((name, resource) -> {
            if (type.equals(type(resource))) {
                matching.put(name, resource);
            }
        });
        return matching;
    }

    private static String type(Object resource) {
        return resource == null ? null : string(map(resource, "resource").get("Type"));
    }

    private static Map<String, Object> properties(Object resource) {
        Object properties = map(resource, "resource").get("Properties");
        return properties == null ? Map.of() : map(properties, "Properties");
    }

    /** The logical id of {@code {"Ref": id}}. */
    private static String ref(Object value) {
        return string(intrinsic(value, "Ref"));
    }

    /** The logical id of {@code {"Fn::GetAtt": [id, "Arn"]}}. */
    private static String getAttArn(Object value) {
        List<Object> arguments = list(intrinsic(value, "Fn::GetAtt"));
        assertThat(arguments).as("Fn::GetAtt %s", arguments).hasSize(2).element(1).isEqualTo("Arn");
        return string(arguments.get(0));
    }

    /** The template string of {@code {"Fn::Sub": text}} or {@code {"Fn::Sub": [text, variables]}}. */
    private static String subString(Object value) {
        Object argument = intrinsic(value, "Fn::Sub");
        return argument instanceof List<?> list ? string(list.get(0)) : string(argument);
    }

    private static Object intrinsic(Object value, String function) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey(function)) {
            throw new AssertionError("expected {\"" + function + "\": …}, got " + value);
        }
        return map.get(function);
    }

    private static String match(Pattern pattern, String value, String what) {
        Matcher matcher = pattern.matcher(value);
        if (!matcher.matches()) {
            throw new AssertionError(what + " '" + value + "' does not match " + pattern.pattern());
        }
        return matcher.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " should be a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (!(value instanceof List<?>)) {
            throw new AssertionError("expected a list, got " + value);
        }
        return (List<Object>) value;
    }

    private static String string(Object value) {
        if (!(value instanceof String text)) {
            throw new AssertionError("expected a string, got " + value);
        }
        return text;
    }

    private static int integer(Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        throw new AssertionError("expected a whole number, got " + value);
    }
}
