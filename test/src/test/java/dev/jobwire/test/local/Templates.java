package dev.jobwire.test.local;

import dev.jobwire.bench.BenchTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the real template.yaml with one deliberate change each, for tests of the wiring. */
final class Templates {
    static final Path REAL = Path.of("..", "template.yaml");

    private Templates() {
    }

    static String real() throws IOException {
        return Files.readString(REAL);
    }

    static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, text);
        return file;
    }

    /** Removes a top-level resource (its block up to the next blank line) and every DependsOn entry naming it. */
    static String withoutResource(String template, String logicalId) {
        String start = "\n  " + logicalId + ":\n";
        int from = template.indexOf(start);
        if (from < 0) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        int to = template.indexOf("\n\n", from + start.length());
        return (template.substring(0, from) + template.substring(to))
                .replace("      - " + logicalId + "\n", "");
    }

    /** Adds resources (YAML indented as under {@code Resources:}) before the first integration. */
    static String withResources(String template, String yaml) {
        String anchor = "\n  ConnectIntegration:\n";
        int at = template.indexOf(anchor);
        return template.substring(0, at) + "\n" + yaml.stripTrailing() + "\n" + template.substring(at);
    }

    /** An {@code echo} route, answered by {@link EchoHandler}; the bench's floor route, with this module's handler. */
    static final String ECHO_ROUTE = BenchTemplate.echoRoute("test/target/test-classes", EchoHandler.class.getName());
}
