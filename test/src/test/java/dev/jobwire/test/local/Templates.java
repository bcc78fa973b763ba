package dev.jobwire.test.local;

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

    /** An {@code echo} route, answered by {@link EchoHandler}. */
    static final String ECHO_ROUTE = """
              EchoRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref WebSocketApi
                  RouteKey: echo
                  RouteResponseSelectionExpression: $default
                  Target: !Sub integrations/${EchoIntegration}

              EchoRouteResponse:
                Type: AWS::ApiGatewayV2::RouteResponse
                Properties:
                  ApiId: !Ref WebSocketApi
                  RouteId: !Ref EchoRoute
                  RouteResponseKey: $default

              EchoIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref WebSocketApi
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${EchoFunction.Alias}/invocations

              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: test/target/test-classes
                  Handler: dev.jobwire.test.local.EchoHandler::handleRequest
            """;
}
