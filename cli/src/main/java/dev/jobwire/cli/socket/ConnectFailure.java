package dev.jobwire.cli.socket;

/**
 * A WebSocket handshake that did not complete. {@link #rejected()} is true when the server
 * answered and refused (a bad or expired token): trying again with the same token cannot help.
 */
public final class ConnectFailure extends Exception {
    private final boolean rejected;

    public ConnectFailure(String message, boolean rejected) {
        super(message, null, false, false);
        this.rejected = rejected;
    }

    public boolean rejected() {
        return rejected;
    }
}
