package dev.jobwire.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a command talks to: the WebSocket API and the HTTP base that goes with it. On the local
 * runtime both live on one port under the stage path, so the HTTP base is the WebSocket URL with
 * {@code ws} turned into {@code http}; a deployed stack names its HTTP API separately.
 *
 * @param webSocket validated {@code ws://} or {@code wss://} URL without a query
 * @param http      {@code http://} or {@code https://} base without a trailing slash
 */
public record Endpoints(URI webSocket, URI http) {

    public Endpoints {
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(http, "http");
    }

    /**
     * Parses the URLs a user gave.
     *
     * @param httpUrl may be null or blank: derived from {@code webSocketUrl}
     * @throws CliFailure with {@link ExitCodes#USAGE} for a URL that cannot be used
     */
    public static Endpoints of(String webSocketUrl, String httpUrl) {
        URI ws = parse("--url", webSocketUrl, "ws", "wss");
        URI http = httpUrl == null || httpUrl.isBlank()
                ? derivedHttp(ws)
                : parse("--http-url", httpUrl, "http", "https");
        return new Endpoints(ws, http);
    }

    /** True when the WebSocket URL points at this machine, where a local runtime hands out dev tokens. */
    public boolean isLoopback() {
        String host = webSocket.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            // A name other than localhost would need a DNS lookup; never send tokens on a guess.
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** {@code path} (starting with {@code /}) appended to the HTTP base. */
    public URI httpPath(String path) {
        return URI.create(http.toString() + path);
    }

    private static URI derivedHttp(URI ws) {
        String scheme = ws.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        return URI.create(scheme + ws.toString().substring(ws.getScheme().length()));
    }

    private static URI parse(String flag, String value, String plain, String secure) {
        if (value == null || value.isBlank()) {
            throw CliFailure.usage(flag + " is empty; expected a " + plain + ":// or " + secure + ":// URL");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw CliFailure.usage("bad URL '" + value + "' for " + flag + ": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(plain) && !scheme.equals(secure)) {
            throw CliFailure.usage("bad URL '" + value + "' for " + flag + ": expected " + plain + ":// or "
                    + secure + "://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw CliFailure.usage("bad URL '" + value + "' for " + flag + ": no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw CliFailure.usage("bad URL '" + value + "' for " + flag
                    + ": give it without a query or fragment (the token goes in --token)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw CliFailure.usage("bad URL '" + value + "' for " + flag + ": " + e.getReason());
        }
    }
}
