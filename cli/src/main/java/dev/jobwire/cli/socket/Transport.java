package dev.jobwire.cli.socket;

import java.net.URI;

/** Opens WebSocket sessions; the seam that lets the follow logic run against a fake server in tests. */
public interface Transport {

    /**
     * Connects to {@code url} with {@code token} in the query string and returns the open session.
     *
     * @throws ConnectFailure when the handshake does not complete
     */
    Session open(URI url, String token) throws ConnectFailure, InterruptedException;
}
