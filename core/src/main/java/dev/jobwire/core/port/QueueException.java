package dev.jobwire.core.port;

/** A queue refused or failed to take a message; nothing was enqueued for certain. */
public class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
