package dev.jobwire.local.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The values of a template's {@code Parameters}, checked the way CloudFormation checks them when a
 * stack is created: every parameter has a value (given, else its {@code Default}), and the value
 * meets the parameter's {@code Type}, {@code MinLength}/{@code MaxLength},
 * {@code MinValue}/{@code MaxValue}, {@code AllowedPattern} (whole value) and
 * {@code AllowedValues}. A value given for a parameter the template does not declare is an error
 * too, so a misspelt name cannot go unnoticed.
 *
 * <p>{@code !Ref} of a {@code String}, {@code Number} or AWS-specific parameter is its text; of a
 * {@code CommaDelimitedList} or {@code List<…>} parameter, the list of its comma-separated items.
 * {@code AWS::SSM::Parameter::Value<…>} parameters are fetched from SSM on AWS, which the local
 * runtime does not do: referring to one is an error.
 */
final class TemplateParameters {
    private static final String SSM_TYPE = "AWS::SSM::Parameter::Value<";

    private final String fileName;
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    TemplateParameters(String fileName, Object section, Map<String, String> given) {
        this.fileName = fileName;
        Map<?, ?> declarations;
        if (section == null) {
            declarations = Map.of();
        } else if (section instanceof Map<?, ?> map) {
            declarations = map;
        } else {
            throw new TemplateException(fileName + ": Parameters must be a mapping");
        }
        for (Map.Entry<?, ?> entry : declarations.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> declaration)) {
                throw fail(name, "must be a mapping with a Type");
            }
            String type = text(name, "Type", declaration.get("Type"));
            if (type == null) {
                throw fail(name, "Type is missing");
            }
            String value = given.containsKey(name)
                    ? given.get(name)
                    : text(name, "Default", declaration.get("Default"));
            if (value == null) {
                throw fail(name, "has no value: the template gives no Default, so pass one");
            }
            check(name, type, declaration, value);
            types.put(name, type);
            values.put(name, value);
        }
        for (String name : given.keySet()) {
            if (!types.containsKey(name)) {
                throw new TemplateException(fileName + ": Parameters: " + name
                        + " is given a value but the template declares no such parameter");
            }
        }
    }

    boolean declares(String name) {
        return types.containsKey(name);
    }

    /**
     * What {@code !Ref name} gives: a string, or a list of strings for list types.
     *
     * @throws IllegalStateException for an SSM parameter, whose value only SSM knows
     */
    Object ref(String name) {
        String type = types.get(name);
        String value = values.get(name);
        if (type.startsWith(SSM_TYPE)) {
            throw new IllegalStateException("parameter " + name + " is of type " + type
                    + ", read from SSM on AWS, which the local runtime does not do");
        }
        if (isList(type)) {
            return items(value);
        }
        return value;
    }

    private void check(String name, String type, Map<?, ?> declaration, String value) {
        if (type.startsWith(SSM_TYPE)) {
            return;
        }
        boolean number = type.equals("Number") || type.equals("List<Number>");
        if (!number && !type.equals("String") && !type.equals("CommaDelimitedList")
                && !type.startsWith("AWS::") && !type.startsWith("List<AWS::")) {
            throw fail(name, "Type " + type + " is not a CloudFormation parameter type");
        }
        List<String> checked = isList(type) ? items(value) : List.of(value);
        List<String> allowedValues = allowedValues(name, declaration.get("AllowedValues"));
        Pattern pattern = pattern(name, text(name, "AllowedPattern", declaration.get("AllowedPattern")));
        BigDecimal minValue = bound(name, "MinValue", declaration.get("MinValue"));
        BigDecimal maxValue = bound(name, "MaxValue", declaration.get("MaxValue"));
        BigDecimal minLength = bound(name, "MinLength", declaration.get("MinLength"));
        BigDecimal maxLength = bound(name, "MaxLength", declaration.get("MaxLength"));
        for (String item : checked) {
            if (number) {
                BigDecimal parsed = number(item);
                if (parsed == null) {
                    throw fail(name, "value '" + item + "' is not a number, as Type " + type + " needs");
                }
                if (minValue != null && parsed.compareTo(minValue) < 0) {
                    throw fail(name, "value " + item + " is below MinValue " + minValue.toPlainString());
                }
                if (maxValue != null && parsed.compareTo(maxValue) > 0) {
                    throw fail(name, "value " + item + " is above MaxValue " + maxValue.toPlainString());
                }
            }
            if (type.equals("String")) {
                int length = item.codePointCount(0, item.length());
                if (minLength != null && length < minLength.intValue()) {
                    throw fail(name, "value has " + length + " characters, fewer than MinLength "
                            + minLength.toPlainString());
                }
                if (maxLength != null && length > maxLength.intValue()) {
                    throw fail(name, "value has " + length + " characters, more than MaxLength "
                            + maxLength.toPlainString());
                }
            }
            if (pattern != null && !pattern.matcher(item).matches()) {
                throw fail(name, "value does not match AllowedPattern " + pattern.pattern());
            }
            if (allowedValues != null && !allowedValues.contains(item)
                    && !(number && containsNumber(allowedValues, number(item)))) {
                throw fail(name, "value '" + item + "' is not one of AllowedValues " + allowedValues);
            }
        }
    }

    private List<String> allowedValues(String name, Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw fail(name, "AllowedValues must be a list");
        }
        List<String> allowed = new ArrayList<>();
        for (Object item : list) {
            allowed.add(text(name, "AllowedValues", item));
        }
        return allowed;
    }

    private Pattern pattern(String name, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw fail(name, "AllowedPattern is not a valid regular expression: " + e.getDescription());
        }
    }

    private BigDecimal bound(String name, String key, Object raw) {
        if (raw == null) {
            return null;
        }
        BigDecimal bound = number(text(name, key, raw));
        if (bound == null) {
            throw fail(name, key + " must be a number");
        }
        return bound;
    }

    private String text(String name, String key, Object raw) {
        if (raw == null) {
            return null;
        }
        String text = Values.scalar(raw);
        if (text == null) {
            throw fail(name, key + " must be a scalar");
        }
        return text;
    }

    private TemplateException fail(String name, String detail) {
        return new TemplateException(fileName + ": Parameters: " + name + ": " + detail);
    }

    private static boolean isList(String type) {
        return type.equals("CommaDelimitedList") || type.startsWith("List<");
    }

    private static List<String> items(String value) {
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1));
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean containsNumber(List<String> allowed, BigDecimal value) {
        return value != null && allowed.stream().map(TemplateParameters::number)
                .anyMatch(candidate -> candidate != null && candidate.compareTo(value) == 0);
    }
}
