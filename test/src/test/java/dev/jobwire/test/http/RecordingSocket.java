package dev.jobwire.test.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client that adds every text message it receives to a list, in arrival order. */
final class RecordingSocket {
    private RecordingSocket() {
    }

    /** Connects to {@code url} (token in its query) and waits for the handshake, at most 10 s. */
    static WebSocket open(URI url, List<String> frames) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frames.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
