package dev.jobwire.test.http;

import static dev.jobwire.test.http.HttpApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.jobwire.local.LocalOptions;
import dev.jobwire.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF defence at submit, on a runtime started without {@code --allow-loopback-callbacks}:
 * callback URLs pointing at the metadata endpoint, private and loopback addresses, or names that
 * resolve to them, fail the submit with {@code bad_request} over both transports, and no job is
 * created. (A name resolving to a private address is also covered in core, with a resolver that
 * gives one without DNS.)
 */
class CallbackUrlEndToEndTest {
    static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.defaults().withPort(0).withTemplate(Path.of("..", "template.yaml"))
                .withWebappDir(null), line -> { });
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hook",
        "http://127.0.0.1:8080/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook",
        "https://[::ffff:169.254.169.254]/", "http://example.com/hook", "ftp://example.com/"})
    void aCallbackUrlThatIsNotAPublicHttpsAddress_failsTheHttpSubmit(String url) {
        HttpApiClient client = new HttpApiClient(runtime.httpApiUrl(), runtime.devToken("ivan"));

        HttpResponse<String> response = client.post("/jobs", "{\"type\":\"demo.sleep\",\"callbackUrl\":\"" + url
                + "\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).get("code").getAsString()).isEqualTo("bad_request");
        assertThat(json(response).get("detail").getAsString()).contains("callbackUrl");
        assertThat(json(client.get("/jobs")).getAsJsonArray("jobs")).isEmpty();
    }

    @Test
    void aHostNameOfThisMachine_isRefusedLikeItsAddress() throws Exception {
        String name = java.net.InetAddress.getLocalHost().getHostName();
        java.net.InetAddress address = java.net.InetAddress.getByName(name);
        assertThat(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress())
                .as("this test needs %s to resolve to a loopback or private address, it resolved to %s", name,
                        address).isTrue();

        HttpResponse<String> response = new HttpApiClient(runtime.httpApiUrl(), runtime.devToken("judy"))
                .post("/jobs", "{\"type\":\"demo.sleep\",\"callbackUrl\":\"https://" + name + "/hook\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").getAsString()).contains(address.getHostAddress());
    }

    @Test
    void aPrivateCallbackUrl_failsTheWebSocketSubmitToo() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = RecordingSocket.open(URI.create(runtime.webSocketUrl() + "?token=" + runtime.devToken("kim")), frames);
        try {
            socket.sendText("{\"action\":\"submit\",\"type\":\"demo.sleep\",\"callbackUrl\":"
                    + "\"https://10.0.0.1/hook\",\"requestId\":\"r1\"}", true).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> !frames.isEmpty());

            var error = JsonParser.parseString(frames.get(0)).getAsJsonObject();
            assertThat(error.get("type").getAsString()).isEqualTo("error");
            assertThat(error.get("code").getAsString()).isEqualTo("bad_request");
            assertThat(error.get("message").getAsString()).contains("private");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
