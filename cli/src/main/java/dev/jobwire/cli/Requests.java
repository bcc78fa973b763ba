package dev.jobwire.cli;

import com.google.gson.JsonObject;
import dev.jobwire.cli.socket.ConnectFailure;
import dev.jobwire.cli.socket.Incoming;
import dev.jobwire.cli.socket.Session;
import dev.jobwire.cli.socket.Transport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/** One request, one reply over a session: the reply is the frame that echoes the request's id. */
public final class Requests {
    private Requests() {
    }

    /** Opens a session, turning a failed handshake into a one-line {@link CliFailure}. */
    public static Session open(Transport transport, URI url, Supplier<String> token) throws InterruptedException {
        String value = token.get();
        try {
            return transport.open(url, value);
        } catch (ConnectFailure e) {
            throw CliFailure.connection(e.getMessage());
        }
    }

    /**
     * Sends {@code message} (which carries {@code requestId}) and waits for its reply; frames in
     * between, such as events of other jobs, are skipped.
     *
     * @throws CliFailure for an error reply, a lost connection or no reply within {@code timeout}
     */
    public static JsonObject call(Session session, JsonObject message, String requestId, Duration timeout)
            throws InterruptedException {
        try {
            session.send(message.toString());
        } catch (IOException e) {
            throw CliFailure.connection("the connection closed before the request was sent: " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw CliFailure.connection("no reply from the server within " + timeout.toSeconds() + "s");
            }
            Incoming incoming = session.receive(Duration.ofNanos(left));
            if (incoming instanceof Incoming.Closed closed) {
                throw CliFailure.connection("the server closed the connection ("
                        + (closed.code() < 0 ? closed.reason() : closed.code() + " " + closed.reason()).trim() + ")");
            }
            if (incoming instanceof Incoming.Text text) {
                JsonObject frame = Json.object(text.text());
                if (frame != null && requestId.equals(Json.string(frame, "requestId"))) {
                    if ("error".equals(Json.string(frame, "type"))) {
                        throw ServerErrors.toFailure(frame);
                    }
                    return frame;
                }
            }
        }
    }
}
