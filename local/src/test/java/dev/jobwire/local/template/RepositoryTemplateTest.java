package dev.jobwire.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The repository's own {@code template.yaml}, read as the local runtime reads it. */
class RepositoryTemplateTest {
    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final String JWT_SECRET = "a-local-secret-of-at-least-32-characters";
    static final String WEBHOOK_SECRET = "a-local-webhook-secret-of-32-characters";
    static final TemplateContext CONTEXT = new TemplateContext("jobwire-local", "us-east-1", "000000000000",
            Map.of("StageName", "local", "JwtSecret", JWT_SECRET, "WebhookSecret", WEBHOOK_SECRET),
            URI.create("http://127.0.0.1:9324/"), URI.create("http://127.0.0.1:3001"));

    private static LocalTemplate template;

    @BeforeAll
    static void load() {
        template = TemplateLoader.load(TEMPLATE, CONTEXT);
    }

    @Test
    void functions_haveTheirHandlersTimeoutsAndMemory() {
        assertThat(template.functions().values())
                .extracting(FunctionDef::logicalId, FunctionDef::handlerClass, FunctionDef::handlerMethod,
                        FunctionDef::timeout, FunctionDef::memoryMb, FunctionDef::reservedConcurrency)
                .containsExactlyInAnyOrder(
                        tuple("ConnectFunction", "dev.jobwire.connect.ConnectHandler", "handleRequest",
                                Duration.ofSeconds(10), 512, null),
                        tuple("DisconnectFunction", "dev.jobwire.disconnect.DisconnectHandler", "handleRequest",
                                Duration.ofSeconds(10), 512, null),
                        tuple("SubmitFunction", "dev.jobwire.submit.SubmitHandler", "handleRequest",
                                Duration.ofSeconds(25), 512, null),
                        tuple("WorkerFunction", "dev.jobwire.worker.WorkerHandler", "handleRequest",
                                Duration.ofSeconds(900), 1024, null),
                        tuple("JobsDeadLetterFunction", "dev.jobwire.worker.DeadLetterHandler", "handleRequest",
                                Duration.ofSeconds(30), 512, null),
                        tuple("NotifierFunction", "dev.jobwire.notifier.NotifierHandler", "handleRequest",
                                Duration.ofSeconds(30), 512, null),
                        tuple("HttpApiFunction", "dev.jobwire.http.HttpApiHandler", "handleRequest",
                                Duration.ofSeconds(10), 512, null),
                        tuple("WebhookFunction", "dev.jobwire.webhook.WebhookHandler", "handleRequest",
                                Duration.ofSeconds(20), 512, null));
    }

    @Test
    void routes_leadToTheirFunctions_andOnlyConnectAndDisconnectAreOneWay() {
        WebSocketApiDef api = template.webSocketApi();

        assertThat(api.logicalId()).isEqualTo("WebSocketApi");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(api.routes().values())
                .extracting(RouteDef::routeKey, RouteDef::logicalId, RouteDef::functionLogicalId, RouteDef::twoWay)
                .containsExactlyInAnyOrder(
                        tuple("$connect", "ConnectRoute", "ConnectFunction", false),
                        tuple("$disconnect", "DisconnectRoute", "DisconnectFunction", false),
                        tuple("submit", "SubmitRoute", "SubmitFunction", true),
                        tuple("resume", "ResumeRoute", "SubmitFunction", true),
                        tuple("cancel", "CancelRoute", "SubmitFunction", true),
                        tuple("status", "StatusRoute", "SubmitFunction", true),
                        tuple("ping", "PingRoute", "SubmitFunction", true),
                        tuple("$default", "DefaultRoute", "SubmitFunction", true));
        assertThat(api.route("submit")).map(RouteDef::functionLogicalId).contains("SubmitFunction");
    }

    @Test
    void httpApi_routesLeadToTheHttpApiFunction() {
        HttpApiDef api = template.httpApi();

        assertThat(api.logicalId()).isEqualTo("HttpApi");
        assertThat(api.routes().values())
                .extracting(HttpRouteDef::routeKey, HttpRouteDef::logicalId, HttpRouteDef::functionLogicalId)
                .containsExactlyInAnyOrder(
                        tuple("POST /jobs", "SubmitJobHttpRoute", "HttpApiFunction"),
                        tuple("GET /jobs", "ListJobsHttpRoute", "HttpApiFunction"),
                        tuple("GET /jobs/{id}", "GetJobHttpRoute", "HttpApiFunction"),
                        tuple("DELETE /jobs/{id}", "CancelJobHttpRoute", "HttpApiFunction"),
                        tuple("GET /jobs/{id}/events", "JobEventsHttpRoute", "HttpApiFunction"),
                        tuple("GET /jobs/{id}/result", "JobResultHttpRoute", "HttpApiFunction"));
    }

    @Test
    void httpApiCors_isOffByDefault_andFollowsCorsAllowOrigins() {
        TemplateContext withOrigins = new TemplateContext("jobwire-local", "us-east-1", "000000000000",
                Map.of("StageName", "local", "JwtSecret", JWT_SECRET, "WebhookSecret", WEBHOOK_SECRET,
                        "CorsAllowOrigins", "https://app.example.com,https://*"),
                URI.create("http://127.0.0.1:9324/"), URI.create("http://127.0.0.1:3001"));

        HttpCorsDef cors = TemplateLoader.load(TEMPLATE, withOrigins).httpApi().cors();

        assertThat(template.httpApi().cors()).isNull();
        assertThat(cors.allowOrigins()).containsExactly("https://app.example.com", "https://*");
        assertThat(cors.allowMethods()).containsExactly("GET", "POST", "DELETE");
        assertThat(cors.allowHeaders()).contains("authorization", "content-type", "idempotency-key");
        assertThat(cors.exposeHeaders()).contains("location", "retry-after");
        assertThat(cors.maxAge()).isEqualTo(600);
        assertThat(cors.allowCredentials()).isFalse();
        assertThat(cors.allowedOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
        assertThat(cors.allowedOrigin("https://other.example.org")).isEqualTo("https://other.example.org");
        assertThat(cors.allowedOrigin("http://app.example.com")).isNull();
        assertThat(cors.allowedOrigin(null)).isNull();
    }

    @Test
    void httpApiUrl_andTheWebhookQueue_resolveToLocalEndpoints() {
        assertThat(template.functions().get("WorkerFunction").environment())
                .containsEntry("HTTP_API_URL", "http://127.0.0.1:3001/local")
                .containsEntry("WEBHOOK_QUEUE_URL", "http://127.0.0.1:9324/000000000000/jobwire-local-WebhooksQueue");
        assertThat(template.functions().get("WebhookFunction").environment())
                .containsEntry("WEBHOOK_SECRET", WEBHOOK_SECRET)
                .doesNotContainKey("CALLBACK_LOOPBACK_ALLOWED");
    }

    @Test
    void queues_haveTheirNamesFifoFlagsTimeoutsAndRedrive() {
        Map<String, QueueDef> queues = template.queues();

        assertThat(queues).containsOnlyKeys("JobsQueue", "JobsDeadLetterQueue", "NotifyQueue", "NotifyDeadLetterQueue",
                "WebhooksQueue", "WebhooksDeadLetterQueue");
        assertThat(queues.get("WebhooksQueue").deadLetterQueue()).isEqualTo("WebhooksDeadLetterQueue");
        QueueDef jobs = queues.get("JobsQueue");
        assertThat(jobs.queueName()).isEqualTo("jobwire-local-JobsQueue");
        assertThat(jobs.fifo()).isFalse();
        assertThat(jobs.visibilityTimeout()).isEqualTo(Duration.ofSeconds(5400));
        assertThat(jobs.messageRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(jobs.deadLetterQueue()).isEqualTo("JobsDeadLetterQueue");
        assertThat(jobs.maxReceiveCount()).isEqualTo(3);
        QueueDef notify = queues.get("NotifyQueue");
        assertThat(notify.queueName()).isEqualTo("jobwire-local-NotifyQueue.fifo");
        assertThat(notify.fifo()).isTrue();
        assertThat(notify.contentBasedDeduplication()).isFalse();
        assertThat(notify.deadLetterQueue()).isEqualTo("NotifyDeadLetterQueue");
        assertThat(notify.maxReceiveCount()).isEqualTo(5);
        assertThat(queues.get("NotifyDeadLetterQueue").queueName()).isEqualTo("jobwire-local-NotifyDeadLetterQueue.fifo");
        QueueDef jobsDeadLetters = queues.get("JobsDeadLetterQueue");
        assertThat(jobsDeadLetters.deadLetterQueue()).isNull();
        assertThat(jobsDeadLetters.maxReceiveCount()).isZero();
        assertThat(jobsDeadLetters.visibilityTimeout()).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void tables_haveTheirNamesAndResolvedProperties() {
        Map<String, TableDef> tables = template.tables();

        assertThat(tables).containsOnlyKeys("ConnectionsTable", "JobsTable", "JobEventsTable");
        assertThat(tables.get("ConnectionsTable").tableName()).isEqualTo("jobwire-local-ConnectionsTable");
        assertThat(tables.get("JobEventsTable").properties())
                .containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("KeySchema", List.of(
                        Map.of("AttributeName", "jobId", "KeyType", "HASH"),
                        Map.of("AttributeName", "seq", "KeyType", "RANGE")));
    }

    @Test
    void eventSources_carryBatchSizesFailureReportingAndConcurrency() {
        assertThat(template.eventSources())
                .extracting(EventSourceDef::functionLogicalId, EventSourceDef::queueLogicalId,
                        EventSourceDef::batchSize, EventSourceDef::maximumBatchingWindow,
                        EventSourceDef::reportBatchItemFailures, EventSourceDef::maximumConcurrency,
                        EventSourceDef::enabled)
                .containsExactly(
                        tuple("WorkerFunction", "JobsQueue", 1, Duration.ZERO, true, 50, true),
                        tuple("JobsDeadLetterFunction", "JobsDeadLetterQueue", 10, Duration.ZERO, true, null, true),
                        tuple("NotifierFunction", "NotifyQueue", 10, Duration.ZERO, true, null, true),
                        tuple("WebhookFunction", "WebhooksQueue", 1, Duration.ZERO, true, 20, true));
    }

    @Test
    void environments_resolveToLocalNamesAndEndpoints() {
        Map<String, String> submit = template.functions().get("SubmitFunction").environment();

        assertThat(submit)
                .containsEntry("JOBS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/jobwire-local-JobsQueue")
                .containsEntry("NOTIFY_QUEUE_URL", "http://127.0.0.1:9324/000000000000/jobwire-local-NotifyQueue.fifo")
                .containsEntry("MANAGEMENT_ENDPOINT", "http://127.0.0.1:3001/local")
                .containsEntry("CONNECTIONS_TABLE", "jobwire-local-ConnectionsTable")
                .containsEntry("JOBS_TABLE", "jobwire-local-JobsTable")
                .containsEntry("JOB_EVENTS_TABLE", "jobwire-local-JobEventsTable")
                .containsEntry("MAX_ATTEMPTS", "3")
                .containsEntry("EVENT_RETENTION_HOURS", "24")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
                .doesNotContainKey("JWT_SECRET");
        assertThat(template.functions().get("ConnectFunction").environment())
                .containsEntry("JWT_SECRET", JWT_SECRET)
                .containsEntry("CONNECTIONS_TABLE", "jobwire-local-ConnectionsTable");
        assertThat(template.functions().values())
                .filteredOn(function -> !function.logicalId().equals("ConnectFunction")
                        && !function.logicalId().equals("HttpApiFunction"))
                .allSatisfy(function -> assertThat(function.environment()).doesNotContainKey("JWT_SECRET"));
        assertThat(template.functions().get("WorkerFunction").environment())
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation")
                .containsEntry("JOBS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/jobwire-local-JobsQueue");
    }

    @Test
    void parameters_changeWhatDependsOnThem() {
        TemplateContext other = new TemplateContext("other-stack", "eu-west-1", "123456789012",
                Map.of("StageName", "dev", "JwtSecret", JWT_SECRET, "MaxAttempts", "5",
                        "WorkerMaxConcurrency", "7", "WebhookSecret", WEBHOOK_SECRET),
                URI.create("http://localhost:4566"), URI.create("http://localhost:8080/"));

        LocalTemplate loaded = TemplateLoader.load(TEMPLATE, other);

        assertThat(loaded.functions().get("SubmitFunction").environment())
                .containsEntry("MANAGEMENT_ENDPOINT", "http://localhost:8080/dev")
                .containsEntry("MAX_ATTEMPTS", "5")
                .containsEntry("JOBS_QUEUE_URL", "http://localhost:4566/123456789012/other-stack-JobsQueue");
        assertThat(loaded.queues().get("JobsQueue").maxReceiveCount()).isEqualTo(5);
        assertThat(loaded.eventSources().get(0).maximumConcurrency()).isEqualTo(7);
    }
}
