package dev.jobwire.test.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP API's CORS configuration as a browser meets it. The runtime allows the origin
 * {@code http://localhost:PORT} (the template's {@code CorsAllowOrigins}); a page loaded from
 * there calls the API at {@code http://127.0.0.1:PORT}, another origin, so Chromium sends a
 * preflight first and enforces what the gateway answers.
 */
class HttpApiCorsBrowserTest {
    private static final int PORT = freePort();
    private static final String ORIGIN = "http://localhost:" + PORT;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final WebAppRuntime RUNTIME = new WebAppRuntime(options -> options
            .withPort(PORT)
            .withCorsOrigins(List.of(ORIGIN)));
    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void pageOfAnAllowedOrigin_submitsAndPollsAcrossOrigins_andReadsTheExposedLocation() {
        JobPage page = browser.page().open(URI.create(ORIGIN + "/"));
        String api = RUNTIME.runtime().httpApiUrl().toString();
        assertThat(api).startsWith("http://127.0.0.1:" + PORT);

        @SuppressWarnings("unchecked")
        Map<String, Object> submitted = (Map<String, Object>) fetch(page, api + "/jobs", "POST",
                "{\"type\":\"demo.sleep\",\"input\":{\"steps\":1,\"delayMs\":0}}", "content-type", "application/json");
        assertThat(submitted).as("cross-origin POST from the page").containsEntry("status", 202L);
        assertThat((String) submitted.get("location")).startsWith(api + "/jobs/");

        @SuppressWarnings("unchecked")
        Map<String, Object> polled = (Map<String, Object>) fetch(page, (String) submitted.get("location"), "GET", null);
        assertThat(polled).containsEntry("status", 200L);
        assertThat((String) polled.get("body")).contains("\"jobId\"");
    }

    @Test
    void aHeaderTheConfigurationDoesNotAllow_isStoppedByTheBrowserAtThePreflight() {
        JobPage page = browser.page().open(URI.create(ORIGIN + "/"));

        @SuppressWarnings("unchecked")
        Map<String, Object> refused = (Map<String, Object>) fetch(page,
                RUNTIME.runtime().httpApiUrl() + "/jobs", "GET", null, "x-not-allowed", "1");

        assertThat(refused).containsKey("error").doesNotContainKey("status");
    }

    @Test
    void preflightAndAnswers_carryTheConfiguredHeaders_onlyForTheAllowedOrigin() throws Exception {
        URI jobs = URI.create(RUNTIME.runtime().httpApiUrl() + "/jobs");
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(jobs)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> strangerPreflight = HTTP.send(HttpRequest.newBuilder(jobs)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stranger = HTTP.send(HttpRequest.newBuilder(jobs).GET()
                .header("Origin", "https://elsewhere.example")
                .header("Authorization", "Bearer " + RUNTIME.runtime().devToken("cors-user")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notAPreflight = HTTP.send(HttpRequest.newBuilder(jobs)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST,DELETE");
        assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                .hasValue("authorization,content-type,idempotency-key");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("600");
        assertThat(preflight.headers().allValues("vary")).contains("Origin");
        assertThat(strangerPreflight.statusCode()).isEqualTo(204);
        assertThat(strangerPreflight.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(stranger.statusCode()).as("the API still answers; the browser withholds it").isEqualTo(200);
        assertThat(stranger.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(notAPreflight.statusCode()).as("OPTIONS without Access-Control-Request-Method: no route")
                .isEqualTo(404);
    }

    /**
     * Runs fetch() in the page with a bearer token and {@code extraHeaders} (name, value, …);
     * answers {status, location, body}, or {error} when the browser refuses the response.
     */
    private Object fetch(JobPage page, String url, String method, String body, String... extraHeaders) {
        String token = RUNTIME.runtime().devToken("cors-user");
        StringBuilder headers = new StringBuilder("{'authorization': 'Bearer ' + arguments[3]");
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.append(", '").append(extraHeaders[i]).append("': '").append(extraHeaders[i + 1]).append('\'');
        }
        headers.append('}');
        return browser.chromium().driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: arguments[1], body: arguments[2], headers: %s})
                  .then(async (r) => done({status: r.status, location: r.headers.get('location'), body: await r.text()}))
                  .catch((e) => done({error: String(e)}));
                """.formatted(headers), url, method, body, token);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
