package dev.jobwire.cli.socket;

import java.io.IOException;
import java.time.Duration;

/**
 * One open WebSocket connection. Frames are received in the order they arrived; once the
 * connection is gone, {@link #receive} returns a {@link Incoming.Closed} and keeps returning it.
 */
public interface Session extends AutoCloseable {

    /** Sends one text frame; fails once the connection is gone. */
    void send(String text) throws IOException;

    /** The next frame, or null when none arrived within {@code timeout}. */
    Incoming receive(Duration timeout) throws InterruptedException;

    /** Closes the connection normally; never throws. */
    @Override
    void close();
}
