package dev.jobwire.aws.lambda;

import dev.jobwire.aws.AwsClients;
import dev.jobwire.aws.Settings;
import dev.jobwire.aws.Settings.Variable;
import dev.jobwire.aws.apigateway.ApiGatewayPusher;
import dev.jobwire.aws.auth.JwtTokenVerifier;
import dev.jobwire.aws.dynamodb.DynamoDbConnectionStore;
import dev.jobwire.aws.dynamodb.DynamoDbJobEventLog;
import dev.jobwire.aws.dynamodb.DynamoDbJobStore;
import dev.jobwire.aws.dynamodb.DynamoDbResultStore;
import dev.jobwire.aws.dynamodb.DynamoDbWebhookDeliveryStore;
import dev.jobwire.aws.sqs.SqsJobQueue;
import dev.jobwire.aws.sqs.SqsNotificationQueue;
import dev.jobwire.aws.sqs.SqsWebhookQueue;
import dev.jobwire.aws.webhook.SocketWebhookSender;
import dev.jobwire.core.job.JobTypeRegistry;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.ConnectionStore;
import dev.jobwire.core.port.HostResolver;
import dev.jobwire.core.port.JobEventLog;
import dev.jobwire.core.port.JobStore;
import dev.jobwire.core.port.NotificationQueue;
import dev.jobwire.core.port.ResultStore;
import dev.jobwire.core.port.TokenVerifier;
import dev.jobwire.core.port.UlidGenerator;
import dev.jobwire.core.port.WebhookDeliveryStore;
import dev.jobwire.core.port.WebhookQueue;
import dev.jobwire.core.usecase.ClientRequests;
import dev.jobwire.core.usecase.Connections;
import dev.jobwire.core.usecase.DeliverNotification;
import dev.jobwire.core.usecase.DeliverWebhook;
import dev.jobwire.core.usecase.EventRecorder;
import dev.jobwire.core.usecase.FailDeadLetteredJob;
import dev.jobwire.core.usecase.HttpRequests;
import dev.jobwire.core.usecase.JobCommands;
import dev.jobwire.core.usecase.Policy;
import dev.jobwire.core.usecase.RunJob;
import dev.jobwire.core.webhook.CallbackUrlPolicy;
import dev.jobwire.core.webhook.WebhookSignature;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that picks adapters for Lambda: DynamoDB tables, SQS queues, the API Gateway
 * Management API, HS256 tokens and the webhook sender, built once per execution environment (at cold start, or in
 * the SnapStart snapshot) from the settings each function declares.
 */
public final class LambdaWiring {
    public static final Set<Variable> CONNECT = variables(Variable.AWS_REGION, Variable.CONNECTIONS_TABLE,
            Variable.JWT_SECRET);
    public static final Set<Variable> DISCONNECT = variables(Variable.AWS_REGION, Variable.CONNECTIONS_TABLE);
    public static final Set<Variable> SUBMIT = variables(Variable.AWS_REGION, Variable.CONNECTIONS_TABLE,
            Variable.JOBS_TABLE, Variable.JOB_EVENTS_TABLE, Variable.JOBS_QUEUE_URL, Variable.NOTIFY_QUEUE_URL,
            Variable.MANAGEMENT_ENDPOINT, Variable.EVENT_RETENTION_HOURS, Variable.JOB_RETENTION_DAYS);
    public static final Set<Variable> WORKER = variables(Variable.AWS_REGION, Variable.JOBS_TABLE,
            Variable.JOB_EVENTS_TABLE, Variable.JOBS_QUEUE_URL, Variable.NOTIFY_QUEUE_URL, Variable.MAX_ATTEMPTS,
            Variable.EVENT_RETENTION_HOURS);
    public static final Set<Variable> DEAD_LETTER = variables(Variable.AWS_REGION, Variable.JOBS_TABLE,
            Variable.JOB_EVENTS_TABLE, Variable.NOTIFY_QUEUE_URL, Variable.EVENT_RETENTION_HOURS);
    public static final Set<Variable> NOTIFIER = variables(Variable.AWS_REGION, Variable.CONNECTIONS_TABLE,
            Variable.MANAGEMENT_ENDPOINT);
    public static final Set<Variable> HTTP_API = variables(Variable.AWS_REGION, Variable.JOBS_TABLE,
            Variable.JOB_EVENTS_TABLE, Variable.JOBS_QUEUE_URL, Variable.NOTIFY_QUEUE_URL, Variable.JWT_SECRET,
            Variable.HTTP_API_URL, Variable.WEBHOOK_QUEUE_URL, Variable.EVENT_RETENTION_HOURS,
            Variable.JOB_RETENTION_DAYS);
    public static final Set<Variable> WEBHOOK = variables(Variable.AWS_REGION, Variable.JOBS_TABLE,
            Variable.JOB_EVENTS_TABLE, Variable.WEBHOOK_QUEUE_URL, Variable.WEBHOOK_SECRET,
            Variable.WEBHOOK_MAX_ATTEMPTS, Variable.WEBHOOK_FIRST_RETRY_SECONDS);

    /**
     * Where the three tables live. On Lambda they are DynamoDB tables; the local runtime may keep
     * them in memory instead, one instance per table name shared by every function, as one
     * DynamoDB table is shared on AWS.
     */
    public interface Tables {
        ConnectionStore connections(String tableName, Clock clock);

        JobStore jobs(String tableName, Clock clock);

        JobEventLog events(String tableName, Clock clock);

        /** Large results, kept in the jobs table beside the job rows. */
        default ResultStore results(String jobsTableName, Clock clock) {
            throw new UnsupportedOperationException(getClass().getName() + " keeps no large results");
        }

        /** Webhook delivery records, kept in the jobs table beside the job rows. */
        default WebhookDeliveryStore webhookDeliveries(String jobsTableName, Clock clock) {
            throw new UnsupportedOperationException(getClass().getName() + " keeps no webhook deliveries");
        }
    }

    private final Settings settings;
    private final AwsClients clients;
    private final Tables tables;
    private final JobTypeRegistry types;
    private final Clock clock = Clock.system();
    private final Policy policy;

    public LambdaWiring(Settings settings, AwsClients clients) {
        this(settings, clients, dynamoDbTables(clients));
    }

    public LambdaWiring(Settings settings, AwsClients clients, Tables tables) {
        this(settings, clients, tables, JobTypeRegistry.discover());
    }

    /** @param types the job types the worker runs (on Lambda: the built-ins and ServiceLoader plug-ins) */
    public LambdaWiring(Settings settings, AwsClients clients, Tables tables, JobTypeRegistry types) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.types = Objects.requireNonNull(types, "types");
        this.policy = new Policy(settings.maxAttempts(), settings.eventRetention(), settings.jobRetention(),
                Policy.defaults().connectionLifetime(), Policy.defaults().maxReplayEvents(),
                Policy.defaults().firstRetryDelay(), Policy.defaults().replayTime());
    }

    /** Reads the process environment, failing fast with the names of missing variables. */
    public static LambdaWiring fromEnvironment(Set<Variable> required) {
        Settings settings = Settings.fromSystemEnvironment(required);
        return new LambdaWiring(settings, AwsClients.forLambda(settings));
    }

    public Connections connections() {
        // A function without the secret (disconnect) fails closed should it ever be asked to verify.
        TokenVerifier tokens = settings.has(Variable.JWT_SECRET)
                ? new JwtTokenVerifier(settings.jwtSecret(), clock)
                : token -> new TokenVerifier.Invalid("this function does not accept tokens");
        return new Connections(connectionStore(), tokens, clock, policy);
    }

    /**
     * Accepts a {@code callbackUrl} when the function has a webhook queue to send it to
     * ({@code WEBHOOK_QUEUE_URL}); without one, refuses it.
     */
    public ClientRequests clientRequests() {
        JobStore jobs = jobStore();
        JobEventLog events = eventLog();
        return new ClientRequests(connectionStore(), jobs, events, new ApiGatewayPusher(clients.managementApi()),
                jobCommands(jobs, events), clock, policy);
    }

    /** The HTTP API; tokens are verified with the same HS256 secret as {@code $connect}. */
    public HttpRequests httpRequests() {
        JobStore jobs = jobStore();
        JobEventLog events = eventLog();
        return new HttpRequests(new JwtTokenVerifier(settings.jwtSecret(), clock), jobs, events,
                jobCommands(jobs, events), tables.results(settings.jobsTable(), clock),
                tables.webhookDeliveries(settings.jobsTable(), clock), settings.httpApiUrl().toString(), clock);
    }

    /** Keeps results too large for a frame and serves them by URL when the function knows {@code HTTP_API_URL}. */
    public RunJob runJob() {
        JobStore jobs = jobStore();
        RunJob.LargeResults largeResults = settings.has(Variable.HTTP_API_URL)
                ? new RunJob.LargeResults(tables.results(settings.jobsTable(), clock), settings.httpApiUrl().toString())
                : null;
        return new RunJob(jobs, new SqsJobQueue(clients.sqs(), settings.jobsQueueUrl().toString()),
                recorder(jobs, eventLog()), types, largeResults, clock, policy);
    }

    public DeliverWebhook deliverWebhook() {
        return new DeliverWebhook(jobStore(), eventLog(), tables.webhookDeliveries(settings.jobsTable(), clock),
                new SqsWebhookQueue(clients.sqs(), settings.webhookQueueUrl().toString()),
                SocketWebhookSender.withDefaultTimeouts(), callbackUrls(), new WebhookSignature(settings.webhookSecret()),
                new DeliverWebhook.Settings(settings.webhookMaxAttempts(), settings.webhookFirstRetryDelay(),
                        DeliverWebhook.Settings.defaults().lease()), clock);
    }

    private JobCommands jobCommands(JobStore jobs, JobEventLog events) {
        return new JobCommands(jobs, new SqsJobQueue(clients.sqs(), settings.jobsQueueUrl().toString()),
                recorder(jobs, events), types, callbackUrls(), new UlidGenerator(clock), clock,
                policy);
    }

    private CallbackUrlPolicy callbackUrls() {
        return settings.has(Variable.WEBHOOK_QUEUE_URL)
                ? new CallbackUrlPolicy(HostResolver.system(), settings.callbackLoopbackAllowed())
                : CallbackUrlPolicy.refusingAll();
    }

    public FailDeadLetteredJob failDeadLetteredJob() {
        JobStore jobs = jobStore();
        return new FailDeadLetteredJob(jobs, recorder(jobs, eventLog()));
    }

    public DeliverNotification deliverNotification() {
        return new DeliverNotification(connectionStore(), new ApiGatewayPusher(clients.managementApi()), clock);
    }

    private EventRecorder recorder(JobStore jobs, JobEventLog events) {
        NotificationQueue notifications = new SqsNotificationQueue(clients.sqs(), settings.notifyQueueUrl().toString());
        // Every function that may end a job queues its webhook, when it has the queue.
        WebhookQueue webhooks = settings.has(Variable.WEBHOOK_QUEUE_URL)
                ? new SqsWebhookQueue(clients.sqs(), settings.webhookQueueUrl().toString()) : null;
        return new EventRecorder(events, jobs, notifications, webhooks, clock, policy);
    }

    private ConnectionStore connectionStore() {
        return tables.connections(settings.connectionsTable(), clock);
    }

    private JobStore jobStore() {
        return tables.jobs(settings.jobsTable(), clock);
    }

    private JobEventLog eventLog() {
        return tables.events(settings.jobEventsTable(), clock);
    }

    /** The tables on DynamoDB, through {@code clients}. */
    public static Tables dynamoDbTables(AwsClients clients) {
        Objects.requireNonNull(clients, "clients");
        return new Tables() {
            @Override
            public ConnectionStore connections(String tableName, Clock clock) {
                return new DynamoDbConnectionStore(clients.dynamoDb(), tableName, clock);
            }

            @Override
            public JobStore jobs(String tableName, Clock clock) {
                return new DynamoDbJobStore(clients.dynamoDb(), tableName, clock);
            }

            @Override
            public JobEventLog events(String tableName, Clock clock) {
                return new DynamoDbJobEventLog(clients.dynamoDb(), tableName, clock);
            }

            @Override
            public ResultStore results(String jobsTableName, Clock clock) {
                return new DynamoDbResultStore(clients.dynamoDb(), jobsTableName, clock);
            }

            @Override
            public WebhookDeliveryStore webhookDeliveries(String jobsTableName, Clock clock) {
                return new DynamoDbWebhookDeliveryStore(clients.dynamoDb(), jobsTableName, clock);
            }
        };
    }

    private static Set<Variable> variables(Variable first, Variable... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }
}
