package dev.jobwire.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small templates written to a test's directory: a WebSocket API plus the resources a test gives. */
final class InlineTemplates {
    static final String HANDLER = "dev.jobwire.submit.SubmitHandler";
    static final URI SQS_ENDPOINT = URI.create("http://127.0.0.1:9324");
    static final URI API_BASE = URI.create("http://127.0.0.1:3001/");

    /** A WebSocket API without routes, under the logical id {@code Api}. */
    static final String WEBSOCKET_API = """
            Api:
              Type: AWS::ApiGatewayV2::Api
              Properties:
                Name: api
                ProtocolType: WEBSOCKET
                RouteSelectionExpression: $request.body.action
            """;

    private InlineTemplates() {
    }

    static TemplateContext context(Map<String, String> parameters) {
        return new TemplateContext("stack", "us-east-1", "000000000000", parameters, SQS_ENDPOINT, API_BASE);
    }

    /** Writes {@code head} (top-level sections) and a Resources section of the API and {@code resources}. */
    static Path write(Path directory, String head, String resources) {
        return writeRaw(directory, head + "Resources:\n" + WEBSOCKET_API.indent(2) + resources.indent(2));
    }

    static Path writeRaw(Path directory, String yaml) {
        Path file = directory.resolve("template.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static LocalTemplate load(Path directory, String head, String resources) {
        return TemplateLoader.load(write(directory, head, resources), context(Map.of()));
    }

    static LocalTemplate load(Path directory, String resources) {
        return load(directory, "", resources);
    }

    /** A function named {@code Fn} with these environment variables (YAML lines at column 0). */
    static String functionWithEnvironment(String variables) {
        return """
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: %s
                    Environment:
                      Variables:
                %s""".formatted(HANDLER, variables.indent(8));
    }
}
