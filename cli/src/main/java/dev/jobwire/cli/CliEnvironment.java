package dev.jobwire.cli;

/**
 * The only place where the CLI takes settings from the environment. The values are picocli
 * default expressions, resolved by picocli when a command is parsed, so a flag always wins over
 * the variable and the variable over the built-in default; no other class of the CLI looks at
 * the environment.
 */
public final class CliEnvironment {
    /** The WebSocket URL of a local runtime started with its defaults. */
    public static final String DEFAULT_URL = "ws://127.0.0.1:3001/local";
    /** The WebSocket URL, {@code JOBWIRE_URL}; the local runtime by default. */
    public static final String URL = "${env:JOBWIRE_URL:-" + DEFAULT_URL + "}";
    /** The HTTP API URL, {@code JOBWIRE_HTTP_URL}; derived from the WebSocket URL when unset. */
    public static final String HTTP_URL = "${env:JOBWIRE_HTTP_URL:-}";
    /** The bearer token, {@code JOBWIRE_TOKEN}. */
    public static final String TOKEN = "${env:JOBWIRE_TOKEN:-}";
    /** Who a development token is fetched for: {@code JOBWIRE_USER}, else {@code USER}, else the JVM's user. */
    public static final String USER = "${env:JOBWIRE_USER:-${env:USER:-${sys:user.name}}}";

    private CliEnvironment() {
    }
}
