package dev.jobwire.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation or SAM template into plain maps, lists and scalars, with every short-form
 * intrinsic ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub …}) turned into its long form
 * ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::Sub: …}}), so the resolver sees one
 * shape whichever form a template uses. As in CloudFormation, unquoted dates stay strings and a
 * duplicate key is an error. Mappings keep their order.
 */
public final class CloudFormationYaml {

    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!Length", "Fn::Length"),
            Map.entry("!ToJsonString", "Fn::ToJsonString"),
            Map.entry("!Transform", "Fn::Transform"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"));

    private CloudFormationYaml() {
    }

    /**
     * The template's top-level mapping, for tools and tests that read a template as data.
     *
     * @throws TemplateException starting with the file's name, if it cannot be read or is not a
     *                           YAML mapping
     */
    public static Map<String, Object> read(Path file) {
        return read(file, String.valueOf(file.getFileName()));
    }

    /**
     * The template's top-level mapping.
     *
     * @throws TemplateException starting with the file's name, if it cannot be read or is not a
     *                           YAML mapping
     */
    static Map<String, Object> read(Path file, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new IntrinsicConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new TemplateException(fileName + ": cannot be read: " + e, e);
        } catch (YAMLException e) {
            throw new TemplateException(fileName + ": not valid YAML: " + e.getMessage().strip(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new TemplateException(fileName + ": not a YAML mapping");
        }
        Map<String, Object> template = new LinkedHashMap<>();
        map.forEach((key, value) -> template.put(String.valueOf(key), value));
        return template;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, yamlConstructors.get(Tag.STR));
            SHORT_FORMS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new Intrinsic(function)));
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String function;

            Intrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String value = constructScalar(scalar);
                    argument = function.equals("Fn::GetAtt") ? getAttArguments(value, node) : value;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(function, argument);
                return longForm;
            }

            /** {@code !GetAtt Resource.Attribute}: the attribute itself may contain dots. */
            private List<String> getAttArguments(String value, Node node) {
                int dot = value.indexOf('.');
                if (dot < 1 || dot == value.length() - 1) {
                    throw new YAMLException("!GetAtt needs Resource.Attribute, got '" + value + "'"
                            + node.getStartMark());
                }
                return List.of(value.substring(0, dot), value.substring(dot + 1));
            }
        }
    }
}
