package dev.jobwire.core.port;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs one webhook body. Never follows redirects and gives up after a short timeout. Never
 * throws for an outcome: a refused connection, a timeout or any status are all {@link Response}s.
 */
public interface WebhookSender {

    /**
     * @param url     the callback URL as the user gave it (its host names the TLS certificate)
     * @param address the address to connect to, already checked against the SSRF rules, so that
     *                a second DNS answer cannot redirect the request
     * @param headers extra request headers
     */
    Response post(URI url, InetAddress address, Map<String, String> headers, String body);

    /**
     * @param status the HTTP status, or 0 when no response arrived
     * @param error  why no response arrived; null when one did
     */
    record Response(int status, String error) {
        public Response {
            if (status == 0) {
                Objects.requireNonNull(error, "error");
            }
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }
}
