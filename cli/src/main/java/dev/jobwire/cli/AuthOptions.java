package dev.jobwire.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Who the commands act as. A token given by flag or environment is used as it is; without one,
 * a local runtime on this machine is asked for a development token for {@code --user}.
 */
public final class AuthOptions {

    @Option(names = "--token", paramLabel = "JWT", defaultValue = CliEnvironment.TOKEN,
            description = "Bearer token (env JOBWIRE_TOKEN). Without one, a local runtime on this machine "
                    + "is asked for a development token for --user.")
    String token;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = CliEnvironment.USER,
            description = "User to get a development token for from a local runtime "
                    + "(env JOBWIRE_USER, else USER; default ${DEFAULT-VALUE}).")
    String user;

    /** A token source that asks the server at most once, and only when a token is first needed. */
    public Supplier<String> tokens(Endpoints endpoints, Duration timeout) {
        return new Supplier<>() {
            private String cached;

            @Override
            public synchronized String get() {
                if (cached == null) {
                    cached = resolve(endpoints, timeout);
                }
                return cached;
            }
        };
    }

    private String resolve(Endpoints endpoints, Duration timeout) {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (!endpoints.isLoopback()) {
            throw CliFailure.usage("no token: pass --token or set JOBWIRE_TOKEN (development tokens come only "
                    + "from a local runtime on this machine)");
        }
        return devToken(endpoints, user, timeout);
    }

    /** Asks a local runtime for a development token for {@code user}. */
    public static String devToken(Endpoints endpoints, String user, Duration timeout) {
        if (user == null || user.isBlank()) {
            throw CliFailure.usage("no user to get a development token for: pass --user");
        }
        try {
            var body = new HttpJson(timeout, Version.userAgent())
                    .get(endpoints.httpPath("/_dev/token?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)),
                            null);
            String value = Json.string(body, "token");
            if (value == null) {
                throw CliFailure.connection("the development token answer has no token");
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.connection("interrupted");
        }
    }
}
