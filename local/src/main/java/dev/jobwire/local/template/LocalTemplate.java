package dev.jobwire.local.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the local runtime runs, read from {@code template.yaml}: functions, the WebSocket API's
 * and the HTTP API's routes, queues, tables and SQS event sources, every reference resolved to
 * local names.
 *
 * @param functions    by logical id
 * @param webSocketApi the one WebSocket API
 * @param queues       by logical id
 * @param tables       by logical id
 * @param eventSources every SQS event source, in template order
 * @param httpApi      the HTTP API, or null when the template has none
 */
public record LocalTemplate(Map<String, FunctionDef> functions, WebSocketApiDef webSocketApi,
                            Map<String, QueueDef> queues, Map<String, TableDef> tables,
                            List<EventSourceDef> eventSources, HttpApiDef httpApi) {
    public LocalTemplate {
        functions = Map.copyOf(functions);
        Objects.requireNonNull(webSocketApi, "webSocketApi");
        queues = Map.copyOf(queues);
        tables = Map.copyOf(tables);
        eventSources = List.copyOf(eventSources);
    }

    /** A template without an HTTP API. */
    public LocalTemplate(Map<String, FunctionDef> functions, WebSocketApiDef webSocketApi,
                         Map<String, QueueDef> queues, Map<String, TableDef> tables,
                         List<EventSourceDef> eventSources) {
        this(functions, webSocketApi, queues, tables, eventSources, null);
    }
}
