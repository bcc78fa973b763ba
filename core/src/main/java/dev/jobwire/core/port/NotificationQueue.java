package dev.jobwire.core.port;

/**
 * Carries job events to the notifier. Guarantees: per job, notifications are delivered in the
 * order they were published; publishing the same ({@code jobId}, {@code seq}) again within the
 * deduplication window is dropped; delivery is at-least-once, so the notifier may see a
 * notification again after a failure.
 */
public interface NotificationQueue {

    /**
     * Publishes durably before returning.
     *
     * @throws QueueException if the queue did not accept the message
     */
    void publish(Notification notification);
}
