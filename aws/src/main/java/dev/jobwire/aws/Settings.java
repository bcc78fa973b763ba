package dev.jobwire.aws;

import dev.jobwire.aws.auth.JwtTokenIssuer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * The configuration of a function, read once from its environment at cold start.
 *
 * <p>{@link #fromEnvironment} fails fast with an {@link IllegalStateException} that names every
 * missing required variable and every malformed value at once, so a broken deployment is fixed
 * in one go. A component is null when its variable was neither required nor set; its accessor
 * then throws an {@link IllegalStateException} naming the variable, so a function that uses a
 * setting it did not declare as required fails loudly instead of running with a null.
 * {@link #toString()} never shows the JWT secret.
 */
public record Settings(
        String connectionsTable,
        String jobsTable,
        String jobEventsTable,
        URI jobsQueueUrl,
        URI notifyQueueUrl,
        URI managementEndpoint,
        String jwtSecret,
        int maxAttempts,
        Duration eventRetention,
        Duration jobRetention,
        URI httpApiUrl,
        URI webhookQueueUrl,
        String webhookSecret,
        int webhookMaxAttempts,
        Duration webhookFirstRetryDelay,
        boolean callbackLoopbackAllowed,
        Region region) {

    /** The minimum length of the HS256 secret: the size of the HMAC-SHA256 key, 256 bits. */
    public static final int MIN_JWT_SECRET_BYTES = JwtTokenIssuer.MIN_SECRET_BYTES;

    /** The environment variables jobwire reads, with their defaults. */
    public enum Variable {
        CONNECTIONS_TABLE,
        JOBS_TABLE,
        JOB_EVENTS_TABLE,
        JOBS_QUEUE_URL,
        NOTIFY_QUEUE_URL,
        MANAGEMENT_ENDPOINT,
        JWT_SECRET,
        MAX_ATTEMPTS("3"),
        EVENT_RETENTION_HOURS("24"),
        JOB_RETENTION_DAYS("7"),
        /** The HTTP API's base URL ({@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}). */
        HTTP_API_URL,
        WEBHOOK_QUEUE_URL,
        /** The HMAC-SHA256 key that signs webhooks; at least 32 bytes. */
        WEBHOOK_SECRET,
        WEBHOOK_MAX_ATTEMPTS("8"),
        WEBHOOK_FIRST_RETRY_SECONDS("10"),
        /**
         * {@code true} lets callback URLs point at loopback addresses, over plain http too: set by
         * the local runtime's {@code --allow-loopback-callbacks} only, never by a template.
         */
        CALLBACK_LOOPBACK_ALLOWED("false"),
        /** Set by the Lambda runtime in every function; a template must not declare it. */
        AWS_REGION(null, true);

        private final String defaultValue;
        private final boolean providedByLambda;

        Variable() {
            this(null, false);
        }

        Variable(String defaultValue) {
            this(defaultValue, false);
        }

        Variable(String defaultValue, boolean providedByLambda) {
            this.defaultValue = defaultValue;
            this.providedByLambda = providedByLambda;
        }

        /** The value used when the variable is not set; empty when it has none. */
        public Optional<String> defaultValue() {
            return Optional.ofNullable(defaultValue);
        }

        /** Whether Lambda sets the variable itself, so a deployment template does not. */
        public boolean providedByLambda() {
            return providedByLambda;
        }
    }

    public Settings {
        requireNonBlank(Variable.CONNECTIONS_TABLE, connectionsTable);
        requireNonBlank(Variable.JOBS_TABLE, jobsTable);
        requireNonBlank(Variable.JOB_EVENTS_TABLE, jobEventsTable);
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            throw new IllegalArgumentException(jwtSecretTooShort());
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        requirePositive("eventRetention", eventRetention);
        requirePositive("jobRetention", jobRetention);
        if (webhookSecret != null && webhookSecret.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            throw new IllegalArgumentException(Variable.WEBHOOK_SECRET + " must be at least " + MIN_JWT_SECRET_BYTES
                    + " bytes");
        }
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhookMaxAttempts must be >= 1");
        }
        Objects.requireNonNull(webhookFirstRetryDelay, "webhookFirstRetryDelay");
    }

    /**
     * Reads the settings from {@code env}.
     *
     * @param required the variables the calling function cannot work without; a variable with a
     *                 default is never missing
     * @throws IllegalStateException naming every required variable that is unset or blank and
     *                               every set variable whose value is malformed
     */
    public static Settings fromEnvironment(Map<String, String> env, Set<Variable> required) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(required, "required");
        Reader reader = new Reader(env, required);
        Settings settings = new Settings(
                reader.text(Variable.CONNECTIONS_TABLE),
                reader.text(Variable.JOBS_TABLE),
                reader.text(Variable.JOB_EVENTS_TABLE),
                reader.httpUrl(Variable.JOBS_QUEUE_URL),
                reader.httpUrl(Variable.NOTIFY_QUEUE_URL),
                reader.httpUrl(Variable.MANAGEMENT_ENDPOINT),
                reader.secret(Variable.JWT_SECRET),
                reader.positiveInt(Variable.MAX_ATTEMPTS),
                Duration.ofHours(reader.positiveInt(Variable.EVENT_RETENTION_HOURS)),
                Duration.ofDays(reader.positiveInt(Variable.JOB_RETENTION_DAYS)),
                reader.httpUrl(Variable.HTTP_API_URL),
                reader.httpUrl(Variable.WEBHOOK_QUEUE_URL),
                reader.secret(Variable.WEBHOOK_SECRET),
                reader.positiveInt(Variable.WEBHOOK_MAX_ATTEMPTS),
                Duration.ofSeconds(reader.positiveInt(Variable.WEBHOOK_FIRST_RETRY_SECONDS)),
                reader.bool(Variable.CALLBACK_LOOPBACK_ALLOWED),
                reader.region(Variable.AWS_REGION));
        reader.failOnProblems();
        return settings;
    }

    /** Reads the settings from the process environment: the one place jobwire calls {@code System.getenv}. */
    public static Settings fromSystemEnvironment(Set<Variable> required) {
        return fromEnvironment(System.getenv(), required);
    }

    @Override
    public String connectionsTable() {
        return present(Variable.CONNECTIONS_TABLE, connectionsTable);
    }

    @Override
    public String jobsTable() {
        return present(Variable.JOBS_TABLE, jobsTable);
    }

    @Override
    public String jobEventsTable() {
        return present(Variable.JOB_EVENTS_TABLE, jobEventsTable);
    }

    @Override
    public URI jobsQueueUrl() {
        return present(Variable.JOBS_QUEUE_URL, jobsQueueUrl);
    }

    @Override
    public URI notifyQueueUrl() {
        return present(Variable.NOTIFY_QUEUE_URL, notifyQueueUrl);
    }

    /** The API Gateway management endpoint: {@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}. */
    @Override
    public URI managementEndpoint() {
        return present(Variable.MANAGEMENT_ENDPOINT, managementEndpoint);
    }

    /** The HS256 secret shared with whoever issues tokens; at least 32 bytes of UTF-8. */
    @Override
    public String jwtSecret() {
        return present(Variable.JWT_SECRET, jwtSecret);
    }

    /** The HTTP API's base URL, for {@code Location} headers and {@code resultUrl}s. */
    @Override
    public URI httpApiUrl() {
        return present(Variable.HTTP_API_URL, httpApiUrl);
    }

    @Override
    public URI webhookQueueUrl() {
        return present(Variable.WEBHOOK_QUEUE_URL, webhookQueueUrl);
    }

    /** The HMAC-SHA256 key that signs webhooks; at least 32 bytes of UTF-8. */
    @Override
    public String webhookSecret() {
        return present(Variable.WEBHOOK_SECRET, webhookSecret);
    }

    @Override
    public Region region() {
        return present(Variable.AWS_REGION, region);
    }

    /** Whether the variable's setting is available, that is, its accessor will not throw. */
    public boolean has(Variable variable) {
        return switch (variable) {
            case CONNECTIONS_TABLE -> connectionsTable != null;
            case JOBS_TABLE -> jobsTable != null;
            case JOB_EVENTS_TABLE -> jobEventsTable != null;
            case JOBS_QUEUE_URL -> jobsQueueUrl != null;
            case NOTIFY_QUEUE_URL -> notifyQueueUrl != null;
            case MANAGEMENT_ENDPOINT -> managementEndpoint != null;
            case JWT_SECRET -> jwtSecret != null;
            case HTTP_API_URL -> httpApiUrl != null;
            case WEBHOOK_QUEUE_URL -> webhookQueueUrl != null;
            case WEBHOOK_SECRET -> webhookSecret != null;
            case AWS_REGION -> region != null;
            case MAX_ATTEMPTS, EVENT_RETENTION_HOURS, JOB_RETENTION_DAYS, WEBHOOK_MAX_ATTEMPTS,
                    WEBHOOK_FIRST_RETRY_SECONDS, CALLBACK_LOOPBACK_ALLOWED -> true;
        };
    }

    @Override
    public String toString() {
        return "Settings[connectionsTable=" + connectionsTable + ", jobsTable=" + jobsTable
                + ", jobEventsTable=" + jobEventsTable + ", jobsQueueUrl=" + jobsQueueUrl
                + ", notifyQueueUrl=" + notifyQueueUrl + ", managementEndpoint=" + managementEndpoint
                + ", jwtSecret=" + (jwtSecret == null ? "null" : "(hidden)") + ", maxAttempts=" + maxAttempts
                + ", eventRetention=" + eventRetention + ", jobRetention=" + jobRetention
                + ", httpApiUrl=" + httpApiUrl + ", webhookQueueUrl=" + webhookQueueUrl
                + ", webhookSecret=" + (webhookSecret == null ? "null" : "(hidden)")
                + ", webhookMaxAttempts=" + webhookMaxAttempts + ", webhookFirstRetryDelay=" + webhookFirstRetryDelay
                + ", callbackLoopbackAllowed=" + callbackLoopbackAllowed + ", region=" + region + "]";
    }

    private static <T> T present(Variable variable, T value) {
        if (value == null) {
            throw new IllegalStateException("environment variable " + variable
                    + " is not set; add it to the function's environment and to its required settings");
        }
        return value;
    }

    private static void requireNonBlank(Variable variable, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(variable + " must not be blank");
        }
    }

    private static void requirePositive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static String jwtSecretTooShort() {
        return Variable.JWT_SECRET + " must be at least " + MIN_JWT_SECRET_BYTES + " bytes";
    }

    /** Collects every problem while reading, so that one failure reports them all. */
    private static final class Reader {
        private final Map<String, String> env;
        private final Set<Variable> required;
        private final List<String> missing = new ArrayList<>();
        private final List<String> malformed = new ArrayList<>();

        Reader(Map<String, String> env, Set<Variable> required) {
            this.env = env;
            this.required = required.isEmpty() ? EnumSet.noneOf(Variable.class) : EnumSet.copyOf(required);
        }

        String text(Variable variable) {
            String value = env.get(variable.name());
            if (value == null || value.isBlank()) {
                value = variable.defaultValue().orElse(null);
            }
            if (value == null && required.contains(variable)) {
                missing.add(variable.name());
            }
            return value == null ? null : value.strip();
        }

        URI httpUrl(Variable variable) {
            String value = text(variable);
            if (value == null) {
                return null;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below like any other malformed value
            }
            malformed.add(variable + " must be an http(s) URL, was '" + value + "'");
            return null;
        }

        String secret(Variable variable) {
            String value = env.get(variable.name());
            if (value == null || value.isBlank()) {
                if (required.contains(variable)) {
                    missing.add(variable.name());
                }
                return null;
            }
            // The secret is used byte for byte: stripping it would silently change the key.
            if (value.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
                malformed.add(variable == Variable.JWT_SECRET ? jwtSecretTooShort()
                        : variable + " must be at least " + MIN_JWT_SECRET_BYTES + " bytes");
                return null;
            }
            return value;
        }

        boolean bool(Variable variable) {
            String value = text(variable);
            if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
                return Boolean.parseBoolean(value);
            }
            malformed.add(variable + " must be true or false, was '" + value + "'");
            return false;
        }

        int positiveInt(Variable variable) {
            String value = text(variable);
            try {
                int number = Integer.parseInt(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below like any other malformed value
            }
            malformed.add(variable + " must be a positive whole number, was '" + value + "'");
            return Integer.parseInt(variable.defaultValue().orElseThrow());
        }

        Region region(Variable variable) {
            String value = text(variable);
            return value == null ? null : Region.of(value);
        }

        void failOnProblems() {
            if (missing.isEmpty() && malformed.isEmpty()) {
                return;
            }
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing environment variables: " + String.join(", ", missing));
            }
            if (!malformed.isEmpty()) {
                parts.add("malformed environment variables: " + String.join("; ", malformed));
            }
            throw new IllegalStateException("jobwire settings are invalid: " + String.join("; ", parts));
        }
    }
}
