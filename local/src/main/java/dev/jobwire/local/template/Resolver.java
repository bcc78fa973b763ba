package dev.jobwire.local.template;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the parts of a template the local runtime reads, on demand: a property is resolved
 * only when asked for, so an intrinsic the runtime cannot evaluate does harm only where the
 * runtime needs its value (never in alarms, permissions, stages or {@code Outputs}).
 *
 * <p>Supported: {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} (both forms), {@code Fn::Join},
 * {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If}, {@code Fn::FindInMap},
 * {@code Fn::Base64}, {@code Fn::Length}; conditions with {@code Fn::Equals}, {@code Fn::Not},
 * {@code Fn::And}, {@code Fn::Or} and {@code Condition}; {@code AWS::NoValue}, which removes
 * the key or list item it stands for; a resource's {@code Condition}, which removes the resource.
 * Anything else fails with a {@link TemplateException} naming the resource and property.
 *
 * <p>References resolve to local names: see {@link TemplateContext}. Strings handed out by
 * {@link #property} and {@link #resolve} have URLs of the template's WebSocket API
 * and HTTP API ({@code https://<apiId>.execute-api.<region>.amazonaws.com…}, and the
 * {@code wss://} form) rewritten to the local API base: both APIs share the runtime's one port.
 */
final class Resolver {
    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String TABLE = "AWS::DynamoDB::Table";
    static final String API = "AWS::ApiGatewayV2::Api";
    static final String ROUTE = "AWS::ApiGatewayV2::Route";
    static final String ROUTE_RESPONSE = "AWS::ApiGatewayV2::RouteResponse";
    static final String INTEGRATION = "AWS::ApiGatewayV2::Integration";

    /** Where Globals.Function's properties are reported. */
    static final String GLOBALS = "Globals.Function";

    private static final String URL_SUFFIX = "amazonaws.com";
    private static final Pattern API_GATEWAY_LAMBDA_URI =
            Pattern.compile("arn:aws:apigateway:[^:]+:lambda:path/2015-03-31/functions/(.+)/invocations");

    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private final String fileName;
    private final TemplateContext context;
    private final TemplateParameters parameters;
    private final Map<String, Map<?, ?>> resources = new LinkedHashMap<>();
    private final Map<?, ?> conditions;
    private final Map<?, ?> mappings;
    private final Map<?, ?> globalFunction;

    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();
    private List<String> webSocketApis;
    private List<String> httpApis;

    Resolver(String fileName, Map<String, Object> template, TemplateContext context) {
        this.fileName = fileName;
        this.context = context;
        this.parameters = new TemplateParameters(fileName, template.get("Parameters"), context.parameters());
        this.conditions = section(template, "Conditions");
        this.mappings = section(template, "Mappings");
        Map<?, ?> globals = section(template, "Globals");
        Object function = globals.get("Function");
        if (function != null && !(function instanceof Map<?, ?>)) {
            throw new TemplateException(fileName + ": Globals.Function must be a mapping");
        }
        this.globalFunction = function == null ? Map.of() : (Map<?, ?>) function;
        Map<?, ?> declared = section(template, "Resources");
        if (declared.isEmpty()) {
            throw new TemplateException(fileName + ": Resources is missing or empty");
        }
        for (Map.Entry<?, ?> entry : declared.entrySet()) {
            String id = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> resource) || !(resource.get("Type") instanceof String)) {
                throw new TemplateException(fileName + ": " + id + ": a resource needs a Type");
            }
            Object properties = resource.get("Properties");
            if (properties != null && !(properties instanceof Map<?, ?>)) {
                throw new TemplateException(fileName + ": " + id + ": Properties must be a mapping");
            }
            resources.put(id, resource);
        }
    }

    String fileName() {
        return fileName;
    }

    TemplateContext context() {
        return context;
    }

    /** A failure about {@code where} (a resource's logical id, or a section). */
    TemplateException fail(String where, String detail) {
        return new TemplateException(fileName + ": " + where + ": " + detail);
    }

    /** A failure about one property of {@code where}. */
    TemplateException fail(String where, String path, String detail) {
        return fail(where, path.isEmpty() ? detail : path + ": " + detail);
    }

    /** The logical ids of the resources of these types that the stack creates, in template order. */
    List<String> resources(String... types) {
        List<String> found = new ArrayList<>();
        for (String id : resources.keySet()) {
            if (List.of(types).contains(type(id)) && exists(id)) {
                found.add(id);
            }
        }
        return found;
    }

    /** Whether {@code id} is a resource of this type that the stack creates. */
    boolean isResource(String id, String type) {
        return resources.containsKey(id) && type(id).equals(type) && exists(id);
    }

    String type(String id) {
        return (String) resources.get(id).get("Type");
    }

    /** A property as written, for callers that decide what to resolve; null when absent. */
    Object rawProperty(String id, String key) {
        Object properties = resources.get(id).get("Properties");
        return properties == null ? null : ((Map<?, ?>) properties).get(key);
    }

    /** The resource's {@code Properties} resolved; empty when it has none. */
    Map<String, Object> properties(String id) {
        Object properties = resources.get(id).get("Properties");
        if (properties == null) {
            return Map.of();
        }
        return map(resolve(properties, id, ""), id, "");
    }

    /** One resolved property; null when absent or {@code AWS::NoValue}. */
    Object property(String id, String key) {
        return resolve(rawProperty(id, key), id, key);
    }

    /** One resolved property of Globals.Function; null when absent. */
    Object globalFunctionProperty(String key) {
        return resolve(globalFunction.get(key), GLOBALS, key);
    }

    /** {@code raw} with every intrinsic evaluated; null for absent or {@code AWS::NoValue}. */
    Object resolve(Object raw, String where, String path) {
        return localUrls(evaluate(raw, where, path));
    }

    String string(Object value, String where, String path) {
        if (value == null) {
            return null;
        }
        String text = Values.scalar(value);
        if (text == null) {
            throw fail(where, path, "must be a string, not " + describe(value));
        }
        return text;
    }

    Integer integer(Object value, String where, String path) {
        String text = string(value, where, path);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail(where, path, "must be a whole number, not '" + text + "'");
        }
    }

    Boolean bool(Object value, String where, String path) {
        String text = string(value, where, path);
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw fail(where, path, "must be true or false, not '" + text + "'");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object value, String where, String path) {
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw fail(where, path, "must be a mapping, not " + describe(value));
    }

    List<?> list(Object value, String where, String path) {
        if (value == null || value instanceof List<?>) {
            return (List<?>) value;
        }
        throw fail(where, path, "must be a list, not " + describe(value));
    }

    String queueName(String id) {
        return name(id, "QueueName", () -> {
            Boolean fifo = bool(evaluate(rawProperty(id, "FifoQueue"), id, "FifoQueue"), id, "FifoQueue");
            return context.stackName() + "-" + id + (Boolean.TRUE.equals(fifo) ? ".fifo" : "");
        });
    }

    String queueUrl(String id) {
        String endpoint = context.sqsEndpoint().toString();
        return withoutTrailingSlash(endpoint) + "/" + context.accountId() + "/" + queueName(id);
    }

    String queueArn(String id) {
        return "arn:aws:sqs:" + context.region() + ":" + context.accountId() + ":" + queueName(id);
    }

    /** The logical id of the template's queue with this ARN, or null. */
    String queueWithArn(String arn) {
        for (String id : resources(QUEUE)) {
            if (queueArn(id).equals(arn)) {
                return id;
            }
        }
        return null;
    }

    String tableName(String id) {
        return name(id, "TableName", () -> context.stackName() + "-" + id);
    }

    /** A function's ARN; its local name is its logical id. */
    String functionArn(String id) {
        return "arn:aws:lambda:" + context.region() + ":" + context.accountId() + ":function:" + id;
    }

    /**
     * The logical id of the template's function that this ARN invokes, with or without a
     * qualifier, also inside an API Gateway {@code …/functions/<arn>/invocations} URI; or null.
     */
    String functionOf(String uriOrArn) {
        Matcher invocation = API_GATEWAY_LAMBDA_URI.matcher(uriOrArn);
        String arn = invocation.matches() ? invocation.group(1) : uriOrArn;
        for (String id : resources(SERVERLESS_FUNCTION, LAMBDA_FUNCTION)) {
            String unqualified = functionArn(id);
            if (arn.equals(unqualified)
                    || (arn.startsWith(unqualified + ":") && arn.indexOf(':', unqualified.length() + 1) < 0)) {
                return id;
            }
        }
        return null;
    }

    /** The id API Gateway would give the API: stable, derived from its logical id. */
    String apiId(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The logical ids of the APIs with {@code ProtocolType: WEBSOCKET}. */
    List<String> webSocketApis() {
        if (webSocketApis == null) {
            webSocketApis = apisWithProtocol("WEBSOCKET");
        }
        return webSocketApis;
    }

    /** The logical ids of the APIs with {@code ProtocolType: HTTP}. */
    List<String> httpApis() {
        if (httpApis == null) {
            httpApis = apisWithProtocol("HTTP");
        }
        return httpApis;
    }

    private List<String> apisWithProtocol(String wanted) {
        return guarded("ProtocolType of the APIs", "Resources", () -> {
            List<String> found = new ArrayList<>();
            for (String id : resources(API)) {
                Object protocol = evaluate(rawProperty(id, "ProtocolType"), id, "ProtocolType");
                if (wanted.equals(string(protocol, id, "ProtocolType"))) {
                    found.add(id);
                }
            }
            return List.copyOf(found);
        });
    }

    private boolean exists(String id) {
        Object condition = resources.get(id).get("Condition");
        if (condition == null) {
            return true;
        }
        if (!(condition instanceof String name)) {
            throw fail(id, "Condition", "must be the name of a condition");
        }
        return condition(name, id, "Condition");
    }

    private String name(String id, String property, Supplier<String> generated) {
        String known = names.get(id);
        if (known != null) {
            return known;
        }
        String name = guarded("name of " + id, id, () -> {
            String given = string(evaluate(rawProperty(id, property), id, property), id, property);
            return given != null ? given : generated.get();
        });
        names.put(id, name);
        return name;
    }

    private <T> T guarded(String step, String where, Supplier<T> work) {
        if (!inProgress.add(step)) {
            throw fail(where, "circular reference: " + String.join(" -> ", inProgress) + " -> " + step);
        }
        try {
            return work.get();
        } finally {
            inProgress.remove(step);
        }
    }

    private Object evaluate(Object raw, String where, String path) {
        Object value = value(raw, where, path);
        return value == NO_VALUE ? null : value;
    }

    private Object value(Object raw, String where, String path) {
        if (raw instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, only.getValue(), where, path);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = value(entry.getValue(), where, child(path, key));
                if (value != NO_VALUE) {
                    resolved.put(key, value);
                }
            }
            return resolved;
        }
        if (raw instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object value = value(list.get(i), where, path + "[" + i + "]");
                if (value != NO_VALUE) {
                    resolved.add(value);
                }
            }
            return resolved;
        }
        return raw;
    }

    private Object intrinsic(String function, Object argument, String where, String path) {
        return switch (function) {
            case "Ref" -> ref(literal(argument, "Ref", where, path), "Ref " + argument, where, path);
            case "Fn::GetAtt" -> getAtt(argument, where, path);
            case "Fn::Sub" -> sub(argument, where, path);
            case "Fn::Join" -> join(argument, where, path);
            case "Fn::Select" -> select(argument, where, path);
            case "Fn::Split" -> split(argument, where, path);
            case "Fn::If" -> ifValue(argument, where, path);
            case "Fn::FindInMap" -> findInMap(argument, where, path);
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    text(value(argument, where, path), "Fn::Base64", where, path).getBytes(StandardCharsets.UTF_8));
            case "Fn::Length" -> items(value(argument, where, path), "Fn::Length", where, path).size();
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" ->
                    throw fail(where, path, function + " belongs in Conditions; choose a value with Fn::If");
            default -> throw fail(where, path, function + " is not supported by the local runtime");
        };
    }

    private Object ref(String name, String shown, String where, String path) {
        if (name.startsWith("AWS::")) {
            return pseudo(name, where, path);
        }
        if (parameters.declares(name)) {
            try {
                return parameters.ref(name);
            } catch (IllegalStateException ssm) {
                throw fail(where, path, ssm.getMessage());
            }
        }
        int dot = name.indexOf('.');
        if (dot > 0 && resources.containsKey(name.substring(0, dot))) {
            // SAM's own reference form, as in !Ref MyFunction.Alias
            return attribute(name.substring(0, dot), name.substring(dot + 1), where, path);
        }
        if (!resources.containsKey(name)) {
            throw fail(where, path, shown + " names no parameter or resource");
        }
        requireCreated(name, where, path);
        return switch (type(name)) {
            case QUEUE -> queueUrl(name);
            case TABLE -> tableName(name);
            case SERVERLESS_FUNCTION, LAMBDA_FUNCTION, ROUTE, ROUTE_RESPONSE, INTEGRATION -> name;
            case API -> apiId(name);
            default -> throw fail(where, path,
                    shown + ": a reference to an " + type(name) + " is not supported by the local runtime");
        };
    }

    private Object pseudo(String name, String where, String path) {
        return switch (name) {
            case "AWS::Region" -> context.region();
            case "AWS::AccountId" -> context.accountId();
            case "AWS::StackName" -> context.stackName();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> URL_SUFFIX;
            case "AWS::NoValue" -> NO_VALUE;
            default -> throw fail(where, path, name + " is not supported by the local runtime");
        };
    }

    private Object getAtt(Object argument, String where, String path) {
        if (argument instanceof String text) {
            int dot = text.indexOf('.');
            if (dot < 1 || dot == text.length() - 1) {
                throw fail(where, path, "Fn::GetAtt needs Resource.Attribute, not '" + text + "'");
            }
            return attribute(text.substring(0, dot), text.substring(dot + 1), where, path);
        }
        List<?> arguments = arguments(argument, "Fn::GetAtt", 2, 2, "[Resource, Attribute]", where, path);
        String resource = literal(arguments.get(0), "Fn::GetAtt", where, path);
        String attribute = text(value(arguments.get(1), where, path), "Fn::GetAtt", where, path);
        return attribute(resource, attribute, where, path);
    }

    private String attribute(String resource, String attribute, String where, String path) {
        String shown = resource + "." + attribute;
        if (!resources.containsKey(resource)) {
            throw fail(where, path, shown + " names no resource");
        }
        requireCreated(resource, where, path);
        String type = type(resource);
        String value = switch (type + "." + attribute) {
            case QUEUE + ".Arn" -> queueArn(resource);
            case QUEUE + ".QueueName" -> queueName(resource);
            case QUEUE + ".QueueUrl" -> queueUrl(resource);
            case TABLE + ".Arn" -> "arn:aws:dynamodb:" + context.region() + ":" + context.accountId()
                    + ":table/" + tableName(resource);
            case SERVERLESS_FUNCTION + ".Arn", LAMBDA_FUNCTION + ".Arn" -> functionArn(resource);
            case SERVERLESS_FUNCTION + ".Alias" -> functionArn(resource) + ":" + aliasName(resource, where, path);
            case API + ".ApiId" -> apiId(resource);
            case API + ".ApiEndpoint" -> (webSocketApis().contains(resource) ? "wss://" : "https://")
                    + apiId(resource) + ".execute-api." + context.region() + "." + URL_SUFFIX;
            default -> null;
        };
        if (value == null) {
            throw fail(where, path, shown + ": attribute " + attribute + " of an " + type
                    + " is not supported by the local runtime");
        }
        return value;
    }

    private String aliasName(String function, String where, String path) {
        Object alias = evaluate(rawProperty(function, "AutoPublishAlias"), function, "AutoPublishAlias");
        if (alias == null) {
            alias = evaluate(globalFunction.get("AutoPublishAlias"), GLOBALS, "AutoPublishAlias");
        }
        if (alias == null) {
            throw fail(where, path, function + ".Alias: " + function + " has no AutoPublishAlias");
        }
        return string(alias, function, "AutoPublishAlias");
    }

    private String sub(Object argument, String where, String path) {
        String template;
        Map<?, ?> variables;
        if (argument instanceof String text) {
            template = text;
            variables = Map.of();
        } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String text
                && list.get(1) instanceof Map<?, ?> map) {
            template = text;
            variables = map;
        } else {
            throw fail(where, path, "Fn::Sub needs a string or [string, {variables}]");
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int start = template.indexOf("${", at);
            int end = start < 0 ? -1 : template.indexOf('}', start + 2);
            if (end < 0) {
                out.append(template, at, template.length());
                return out.toString();
            }
            out.append(template, at, start);
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name, 1, name.length()).append('}');
            } else {
                out.append(subVariable(name.strip(), variables, where, path));
            }
            at = end + 1;
        }
    }

    private String subVariable(String name, Map<?, ?> variables, String where, String path) {
        String shown = "${" + name + "}";
        Object value;
        if (variables.containsKey(name)) {
            value = value(variables.get(name), where, path);
        } else if (!name.startsWith("AWS::") && name.indexOf('.') > 0 && !parameters.declares(name)) {
            value = attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), where, path);
        } else {
            value = ref(name, shown, where, path);
        }
        String text = Values.scalar(value);
        if (text == null) {
            throw fail(where, path, "Fn::Sub: " + shown + " is " + describe(value) + ", not a string");
        }
        return text;
    }

    private String join(Object argument, String where, String path) {
        List<?> arguments = arguments(argument, "Fn::Join", 2, 2, "[delimiter, [values]]", where, path);
        String delimiter = text(value(arguments.get(0), where, path), "Fn::Join", where, path);
        List<String> parts = new ArrayList<>();
        for (Object item : items(value(arguments.get(1), where, path), "Fn::Join", where, path)) {
            parts.add(text(item, "Fn::Join", where, path));
        }
        return String.join(delimiter, parts);
    }

    private Object select(Object argument, String where, String path) {
        List<?> arguments = arguments(argument, "Fn::Select", 2, 2, "[index, [values]]", where, path);
        String indexText = text(value(arguments.get(0), where, path), "Fn::Select", where, path);
        List<?> items = items(value(arguments.get(1), where, path), "Fn::Select", where, path);
        int index;
        try {
            index = Integer.parseInt(indexText.strip());
        } catch (NumberFormatException e) {
            throw fail(where, path, "Fn::Select: index '" + indexText + "' is not a number");
        }
        if (index < 0 || index >= items.size()) {
            throw fail(where, path, "Fn::Select: index " + index + " is outside a list of " + items.size());
        }
        return items.get(index);
    }

    private List<String> split(Object argument, String where, String path) {
        List<?> arguments = arguments(argument, "Fn::Split", 2, 2, "[delimiter, string]", where, path);
        String delimiter = text(value(arguments.get(0), where, path), "Fn::Split", where, path);
        String source = text(value(arguments.get(1), where, path), "Fn::Split", where, path);
        if (delimiter.isEmpty()) {
            throw fail(where, path, "Fn::Split needs a delimiter that is not empty");
        }
        return List.of(source.split(Pattern.quote(delimiter), -1));
    }

    private Object ifValue(Object argument, String where, String path) {
        List<?> arguments = arguments(argument, "Fn::If", 3, 3, "[condition, valueIfTrue, valueIfFalse]",
                where, path);
        String condition = literal(arguments.get(0), "Fn::If", where, path);
        return value(arguments.get(condition(condition, where, path) ? 1 : 2), where, path);
    }

    private Object findInMap(Object argument, String where, String path) {
        List<?> arguments = arguments(argument, "Fn::FindInMap", 3, 4,
                "[MapName, TopLevelKey, SecondLevelKey]", where, path);
        String mapName = text(value(arguments.get(0), where, path), "Fn::FindInMap", where, path);
        String topKey = text(value(arguments.get(1), where, path), "Fn::FindInMap", where, path);
        String secondKey = text(value(arguments.get(2), where, path), "Fn::FindInMap", where, path);
        Object found = mappings.get(mapName) instanceof Map<?, ?> top && top.get(topKey) instanceof Map<?, ?> second
                ? second.get(secondKey) : null;
        if (found != null) {
            return found;
        }
        if (arguments.size() == 4 && arguments.get(3) instanceof Map<?, ?> options
                && options.containsKey("DefaultValue")) {
            return value(options.get("DefaultValue"), where, path);
        }
        throw fail(where, path, "Fn::FindInMap: Mappings has no " + mapName + "." + topKey + "." + secondKey);
    }

    private boolean condition(String name, String where, String path) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw fail(where, path, "condition " + name + " is not declared in Conditions");
        }
        boolean value = guarded("condition " + name, "Conditions",
                () -> conditionValue(conditions.get(name), "Conditions", name));
        conditionValues.put(name, value);
        return value;
    }

    private boolean conditionValue(Object raw, String where, String path) {
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String function = String.valueOf(only.getKey());
            Object argument = only.getValue();
            switch (function) {
                case "Fn::Equals" -> {
                    List<?> sides = arguments(argument, function, 2, 2, "[value, value]", where, path);
                    return comparable(value(sides.get(0), where, path))
                            .equals(comparable(value(sides.get(1), where, path)));
                }
                case "Fn::Not" -> {
                    List<?> operand = arguments(argument, function, 1, 1, "[condition]", where, path);
                    return !conditionValue(operand.get(0), where, path);
                }
                case "Fn::And", "Fn::Or" -> {
                    List<?> operands = arguments(argument, function, 2, 10, "[condition, condition, …]", where, path);
                    boolean and = function.equals("Fn::And");
                    for (Object operand : operands) {
                        if (conditionValue(operand, where, path) != and) {
                            return !and;
                        }
                    }
                    return and;
                }
                case "Condition" -> {
                    return condition(literal(argument, function, where, path), where, path);
                }
                default -> {
                    // falls through to the failure below
                }
            }
        }
        throw fail(where, path, "a condition is Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
    }

    private static Object comparable(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Resolver::comparable).toList();
        }
        String text = Values.scalar(value);
        return text != null ? text : String.valueOf(value);
    }

    private void requireCreated(String resource, String where, String path) {
        if (!exists(resource)) {
            throw fail(where, path, resource + " is not created: its Condition "
                    + resources.get(resource).get("Condition") + " is false");
        }
    }

    private List<?> arguments(Object argument, String function, int min, int max, String shape,
                              String where, String path) {
        if (argument instanceof List<?> list && list.size() >= min && list.size() <= max) {
            return list;
        }
        throw fail(where, path, function + " needs " + shape);
    }

    private String literal(Object argument, String function, String where, String path) {
        if (argument instanceof String text) {
            return text;
        }
        throw fail(where, path, function + " needs a name, not " + describe(argument));
    }

    private String text(Object value, String function, String where, String path) {
        String text = Values.scalar(value);
        if (text == null) {
            throw fail(where, path, function + " needs a string, not " + describe(value));
        }
        return text;
    }

    private List<?> items(Object value, String function, String where, String path) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw fail(where, path, function + " needs a list, not " + describe(value));
    }

    private Object localUrls(Object value) {
        if (value instanceof String text) {
            return localUrl(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> rewritten = new LinkedHashMap<>();
            map.forEach((key, item) -> rewritten.put(String.valueOf(key), localUrls(item)));
            return rewritten;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::localUrls).toList();
        }
        return value;
    }

    private String localUrl(String text) {
        if (!text.contains(".execute-api.")) {
            return text;
        }
        String base = withoutTrailingSlash(context.apiBase().toString());
        List<String> apis = new ArrayList<>(webSocketApis());
        apis.addAll(httpApis());
        for (String api : apis) {
            String host = apiId(api) + ".execute-api." + context.region() + "." + URL_SUFFIX;
            String rewritten = replacePrefix(text, "https://" + host, base);
            if (rewritten == null) {
                rewritten = replacePrefix(text, "wss://" + host, base.replaceFirst("^http", "ws"));
            }
            if (rewritten != null) {
                return rewritten;
            }
        }
        return text;
    }

    private static String replacePrefix(String text, String prefix, String replacement) {
        if (!text.startsWith(prefix)) {
            return null;
        }
        String rest = text.substring(prefix.length());
        if (!rest.isEmpty() && "/?#".indexOf(rest.charAt(0)) < 0) {
            return null;
        }
        return replacement + rest;
    }

    private Map<?, ?> section(Map<String, Object> template, String name) {
        Object section = template.get(name);
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new TemplateException(fileName + ": " + name + " must be a mapping");
        }
        return map;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String describe(Object value) {
        if (value == null || value == NO_VALUE) {
            return "AWS::NoValue";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
