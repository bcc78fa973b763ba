package dev.jobwire.cli;

import dev.jobwire.cli.connections.ConnectionListing;
import dev.jobwire.cli.connections.ConnectionReport;
import dev.jobwire.cli.connections.DynamoDbConnectionListing;
import dev.jobwire.cli.connections.LocalRuntimeConnectionListing;
import dev.jobwire.cli.connections.StaleRules;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** {@code jobwire connections}: the connection table, for backend teams. */
@Command(name = "connections", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Show the connection table: connection id, user, connected at, last active, age, source ip, "
                + "user agent; totals per user; stale rows flagged.",
            "A row is stale when it is older than the 2-hour API Gateway maximum, idle longer than the 10-minute "
                    + "idle timeout, past its TTL expiry, or older than --older-than.",
            "Reads the local runtime (GET {http-url}/_dev/connections) or, with --table, a deployed stack's "
                    + "DynamoDB table with the standard AWS credentials and region."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE,
            ExitCodes.HELP_CONNECTION})
final class ConnectionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "USER", description = "Only this user's connections.")
    String user;

    @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Also flag connections older than this, such as 30m or 0s.")
    Duration olderThan;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--table", paramLabel = "NAME",
            description = "Read this DynamoDB Connections table instead of the local runtime.")
    String table;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region of --table (default: the SDK's region chain, such as AWS_REGION).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "DynamoDB endpoint for --table, for a DynamoDB-compatible server.")
    String endpointUrl;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "The idle timeout to judge by (default ${DEFAULT-VALUE}, as API Gateway).")
    Duration idleTimeout;

    @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "2h",
            converter = DurationConverter.class,
            description = "The maximum connection duration to judge by (default ${DEFAULT-VALUE}, as API Gateway).")
    Duration maxDuration;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws InterruptedException {
        StaleRules rules = new StaleRules(maxDuration, idleTimeout, olderThan);
        ConnectionReport report;
        if (table == null) {
            if (region != null || endpointUrl != null) {
                throw CliFailure.usage("--region and --endpoint-url apply to --table only");
            }
            Endpoints endpoints = server.endpoints();
            ConnectionListing listing = new LocalRuntimeConnectionListing(
                    new HttpJson(server.connectTimeout(), Version.userAgent()), endpoints.httpPath("/_dev/connections"));
            report = new ConnectionReport(listing.source(), listing.list(user), rules, Instant.now());
        } else {
            try (DynamoDbClient client = dynamoDb()) {
                ConnectionListing listing = new DynamoDbConnectionListing(client, table);
                report = new ConnectionReport(listing.source(), listing.list(user), rules, Instant.now());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            report.printText(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            if (region.isBlank()) {
                throw CliFailure.usage("--region must name a region, such as eu-west-1");
            }
            builder.region(Region.of(region));
        }
        if (endpointUrl != null) {
            URI endpoint;
            try {
                endpoint = URI.create(endpointUrl);
            } catch (IllegalArgumentException e) {
                endpoint = null;
            }
            if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw CliFailure.usage("bad URL '" + endpointUrl + "' for --endpoint-url; write it like http://127.0.0.1:8000");
            }
            builder.endpointOverride(endpoint);
        }
        try {
            return builder.build();
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw CliFailure.connection("cannot reach DynamoDB: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
