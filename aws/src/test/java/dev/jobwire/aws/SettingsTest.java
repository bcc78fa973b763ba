package dev.jobwire.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobwire.aws.Settings.Variable;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class SettingsTest {
    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";

    private static Map<String, String> fullEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_TABLE", "jobwire-connections");
        env.put("JOBS_TABLE", "jobwire-jobs");
        env.put("JOB_EVENTS_TABLE", "jobwire-job-events");
        env.put("JOBS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/jobwire-jobs");
        env.put("NOTIFY_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/jobwire-notify.fifo");
        env.put("MANAGEMENT_ENDPOINT", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
        env.put("JWT_SECRET", SECRET);
        env.put("MAX_ATTEMPTS", "5");
        env.put("EVENT_RETENTION_HOURS", "48");
        env.put("JOB_RETENTION_DAYS", "30");
        env.put("HTTP_API_URL", "https://def456.execute-api.eu-west-1.amazonaws.com/prod");
        env.put("WEBHOOK_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/jobwire-webhooks");
        env.put("WEBHOOK_SECRET", SECRET + "-webhooks");
        env.put("WEBHOOK_MAX_ATTEMPTS", "4");
        env.put("WEBHOOK_FIRST_RETRY_SECONDS", "2");
        env.put("CALLBACK_LOOPBACK_ALLOWED", "true");
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    @Test
    void fromEnvironment_withEverySetting_readsTypedValues() {
        Settings settings = Settings.fromEnvironment(fullEnvironment(), EnumSet.allOf(Variable.class));

        assertThat(settings.connectionsTable()).isEqualTo("jobwire-connections");
        assertThat(settings.jobsTable()).isEqualTo("jobwire-jobs");
        assertThat(settings.jobEventsTable()).isEqualTo("jobwire-job-events");
        assertThat(settings.jobsQueueUrl())
                .isEqualTo(URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/jobwire-jobs"));
        assertThat(settings.notifyQueueUrl().getPath()).endsWith("jobwire-notify.fifo");
        assertThat(settings.managementEndpoint())
                .isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
        assertThat(settings.jwtSecret()).isEqualTo(SECRET);
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.eventRetention()).isEqualTo(Duration.ofHours(48));
        assertThat(settings.jobRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(settings.httpApiUrl().getPath()).isEqualTo("/prod");
        assertThat(settings.webhookQueueUrl().getPath()).endsWith("jobwire-webhooks");
        assertThat(settings.webhookSecret()).isEqualTo(SECRET + "-webhooks");
        assertThat(settings.webhookMaxAttempts()).isEqualTo(4);
        assertThat(settings.webhookFirstRetryDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.callbackLoopbackAllowed()).isTrue();
    }

    @Test
    void fromEnvironment_withoutWebhookSettings_keepsLoopbackCallbacksOff() {
        Settings settings = Settings.fromEnvironment(Map.of(), Set.of());

        assertThat(settings.callbackLoopbackAllowed()).isFalse();
        assertThat(settings.webhookMaxAttempts()).isEqualTo(8);
        assertThat(settings.has(Variable.WEBHOOK_SECRET)).isFalse();
    }

    @Test
    void fromEnvironment_withAMalformedFlag_namesIt() {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("CALLBACK_LOOPBACK_ALLOWED", "yes"), Set.of()))
                .hasMessageContaining("CALLBACK_LOOPBACK_ALLOWED");
    }

    @Test
    void fromEnvironment_withoutOptionalNumbers_usesDefaults() {
        Settings settings = Settings.fromEnvironment(Map.of(),
                EnumSet.of(Variable.MAX_ATTEMPTS, Variable.EVENT_RETENTION_HOURS, Variable.JOB_RETENTION_DAYS));

        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.eventRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.jobRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void fromEnvironment_withSeveralRequiredMissing_namesEveryOne() {
        Map<String, String> env = fullEnvironment();
        env.remove("JOBS_TABLE");
        env.remove("JWT_SECRET");
        env.put("NOTIFY_QUEUE_URL", "   ");

        assertThatThrownBy(() -> Settings.fromEnvironment(env, EnumSet.allOf(Variable.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JOBS_TABLE")
                .hasMessageContaining("NOTIFY_QUEUE_URL")
                .hasMessageContaining("JWT_SECRET")
                .message().doesNotContain("CONNECTIONS_TABLE").doesNotContain("AWS_REGION");
    }

    @Test
    void fromEnvironment_withMissingAndMalformedValues_reportsThemTogether() {
        Map<String, String> env = Map.of("MAX_ATTEMPTS", "three", "JWT_SECRET", "short");

        assertThatThrownBy(() -> Settings.fromEnvironment(env, EnumSet.of(Variable.JOBS_TABLE, Variable.JWT_SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JOBS_TABLE")
                .hasMessageContaining("MAX_ATTEMPTS must be a positive whole number, was 'three'")
                .hasMessageContaining("JWT_SECRET must be at least 32 bytes");
    }

    @Test
    void fromEnvironment_withShortSecret_neverShowsTheSecret() {
        Map<String, String> env = Map.of("JWT_SECRET", "hunter2-but-too-short");

        assertThatThrownBy(() -> Settings.fromEnvironment(env, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .message().doesNotContain("hunter2");
    }

    @Test
    void fromEnvironment_withNonPositiveOrNonNumericNumbers_rejectsThem() {
        for (String bad : new String[] {"0", "-1", "2.5", "1e3", "99999999999"}) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("EVENT_RETENTION_HOURS", bad), Set.of()))
                    .as("EVENT_RETENTION_HOURS=%s", bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("EVENT_RETENTION_HOURS must be a positive whole number, was '" + bad + "'");
        }
    }

    @Test
    void fromEnvironment_withBlankNumber_usesItsDefault() {
        Settings settings = Settings.fromEnvironment(Map.of("MAX_ATTEMPTS", " "), Set.of(Variable.MAX_ATTEMPTS));

        assertThat(settings.maxAttempts()).isEqualTo(3);
    }

    @Test
    void fromEnvironment_withManagementEndpointThatIsNotAnHttpUrl_rejectsIt() {
        for (String bad : new String[] {"abc123.execute-api.eu-west-1.amazonaws.com/prod", "wss://abc.example/prod",
                "http//missing-colon", "https://"}) {
            assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MANAGEMENT_ENDPOINT", bad), Set.of()))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MANAGEMENT_ENDPOINT must be an http(s) URL");
        }
    }

    @Test
    void fromEnvironment_acceptsLoopbackHttpManagementEndpoint() {
        Settings settings = Settings.fromEnvironment(Map.of("MANAGEMENT_ENDPOINT", "http://127.0.0.1:3001/local"),
                EnumSet.of(Variable.MANAGEMENT_ENDPOINT));

        assertThat(settings.managementEndpoint()).isEqualTo(URI.create("http://127.0.0.1:3001/local"));
    }

    @Test
    void accessor_ofSettingNeitherRequiredNorSet_throwsNamingTheVariable() {
        Settings settings = Settings.fromEnvironment(Map.of("JOBS_TABLE", "jobs"), Set.of());

        assertThat(settings.jobsTable()).isEqualTo("jobs");
        assertThat(settings.has(Variable.JOBS_TABLE)).isTrue();
        assertThat(settings.has(Variable.CONNECTIONS_TABLE)).isFalse();
        assertThatThrownBy(settings::connectionsTable)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CONNECTIONS_TABLE");
        assertThatThrownBy(settings::managementEndpoint)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MANAGEMENT_ENDPOINT");
        assertThatThrownBy(settings::jwtSecret)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(settings::region)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void toString_hidesTheSecret() {
        Settings settings = Settings.fromEnvironment(fullEnvironment(), Set.of());

        assertThat(settings.toString()).doesNotContain(SECRET).contains("jobwire-jobs");
    }

    @Test
    void variables_haveTheDocumentedNamesDefaultsAndOrigin() {
        assertThat(Variable.values()).extracting(Variable::name).containsExactly(
                "CONNECTIONS_TABLE", "JOBS_TABLE", "JOB_EVENTS_TABLE", "JOBS_QUEUE_URL", "NOTIFY_QUEUE_URL",
                "MANAGEMENT_ENDPOINT", "JWT_SECRET", "MAX_ATTEMPTS", "EVENT_RETENTION_HOURS", "JOB_RETENTION_DAYS",
                "HTTP_API_URL", "WEBHOOK_QUEUE_URL", "WEBHOOK_SECRET", "WEBHOOK_MAX_ATTEMPTS",
                "WEBHOOK_FIRST_RETRY_SECONDS", "CALLBACK_LOOPBACK_ALLOWED", "AWS_REGION");
        assertThat(Variable.MAX_ATTEMPTS.defaultValue()).contains("3");
        assertThat(Variable.EVENT_RETENTION_HOURS.defaultValue()).contains("24");
        assertThat(Variable.JOB_RETENTION_DAYS.defaultValue()).contains("7");
        assertThat(Variable.JWT_SECRET.defaultValue()).isEmpty();
        assertThat(EnumSet.allOf(Variable.class)).filteredOn(Variable::providedByLambda)
                .containsExactly(Variable.AWS_REGION);
    }
}
