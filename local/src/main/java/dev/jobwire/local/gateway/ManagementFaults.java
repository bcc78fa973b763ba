package dev.jobwire.local.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Faults the management API answers instead of posting, for tests of how jobwire behaves when API
 * Gateway throttles ({@code 429 LimitExceededException}) or fails ({@code 500}): each queued fault
 * answers one future POST. Empty unless a test or the local-only {@code _dev/faults} endpoint
 * queues one.
 */
public final class ManagementFaults {
    /** One answer: status, the error name API Gateway puts in {@code x-amzn-ErrorType}, and a message. */
    public record Fault(int status, String errorType, String message) {
        public static Fault throttled() {
            return new Fault(429, "LimitExceededException", "Rate exceeded");
        }

        public static Fault internalError() {
            return new Fault(500, "InternalServerErrorException", "Internal server error");
        }
    }

    private final Deque<Fault> posts = new ArrayDeque<>();

    /** The next {@code count} posts are answered with {@code fault}. */
    public synchronized void failPosts(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            posts.add(fault);
        }
    }

    synchronized Fault nextPostFault() {
        return posts.poll();
    }
}
