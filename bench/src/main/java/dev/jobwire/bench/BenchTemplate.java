package dev.jobwire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The copy of {@code template.yaml} the bench runs the local runtime on. It differs from the real
 * template in these places only, each needed by a scenario and none on the measured paths:
 *
 * <ul>
 *   <li>only when asked ({@code --notifier-pollers}), a {@code ScalingConfig} on the notifier's event source;</li>
 *   <li>an {@code echo} route answered by {@link EchoHandler}: the floor;</li>
 *   <li>{@code WorkerMaxConcurrency} defaults to the number of concurrent jobs asked for (the
 *       parameter a deployment sets), so that every job runs at once;</li>
 *   <li>the worker and the echo function get {@code ReservedConcurrentExecutions} to match: the
 *       local runtime caps a function without it at 64 concurrent invocations, where Lambda's
 *       account default is 1,000.</li>
 * </ul>
 */
public final class BenchTemplate {
    private static final String ANCHOR = "\n  ConnectIntegration:\n";
    private static final String WORKER_HANDLER = "      Handler: dev.jobwire.worker.WorkerHandler::handleRequest\n";

    private BenchTemplate() {
    }

    /**
     * @param notifierPollers when above 0, {@code ScalingConfig.MaximumConcurrency} of the notifier's
     *                        event source (an experiment: the template leaves it unset, which the
     *                        local runtime runs as 5 pollers)
     */
    static Path write(Path realTemplate, Path dir, int workerConcurrency, int echoConcurrency, int notifierPollers)
            throws IOException {
        String text = Files.readString(realTemplate);
        if (notifierPollers > 0) {
            int queue = text.indexOf("Queue: !GetAtt NotifyQueue.Arn\n");
            String types = "FunctionResponseTypes: [ReportBatchItemFailures]\n";
            int at = queue < 0 ? -1 : text.indexOf(types, queue);
            if (at < 0) {
                throw new IllegalStateException("template.yaml's notifier event source has changed; --notifier-pollers cannot be applied");
            }
            at += types.length();
            text = text.substring(0, at) + "            ScalingConfig:\n              MaximumConcurrency: " + notifierPollers
                    + "\n" + text.substring(at);
        }
        text = insertBefore(text, ANCHOR, echoRoute("bench/target/jobwire-bench.jar", EchoHandler.class.getName())
                + "      ReservedConcurrentExecutions: " + echoConcurrency + "\n");
        text = replaceOnce(text, "  WorkerMaxConcurrency:\n    Type: Number\n    Default: 50\n",
                "  WorkerMaxConcurrency:\n    Type: Number\n    Default: " + workerConcurrency + "\n");
        text = replaceOnce(text, WORKER_HANDLER,
                WORKER_HANDLER + "      ReservedConcurrentExecutions: " + workerConcurrency + "\n");
        Files.createDirectories(dir);
        Path copy = dir.resolve("bench-template.yaml");
        Files.writeString(copy, text);
        return copy;
    }

    private static String insertBefore(String text, String anchor, String inserted) {
        int at = text.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException("template.yaml has no" + anchor.stripTrailing() + "; the bench cannot add its echo route");
        }
        return text.substring(0, at) + "\n" + inserted.stripTrailing() + "\n" + text.substring(at);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("template.yaml does not hold exactly one '" + from.strip()
                    + "'; the bench's copy needs updating");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /**
     * An {@code echo} route of the template's WebSocket API, two-way, integrated with a function of
     * {@code handlerClass} in {@code codeUri}: YAML indented as under {@code Resources:}, ending
     * with the function's properties so that more can follow.
     */
    public static String echoRoute(String codeUri, String handlerClass) {
        return """
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
                      CodeUri: %s
                      Handler: %s::handleRequest
                """.formatted(codeUri, handlerClass);
    }
}
