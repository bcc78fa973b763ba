package dev.jobwire.local.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * Faults the management API answers instead of posting, for tests of how jobwire behaves when API
 * Gateway throttles ({@code 429 LimitExceededException}) or fails ({@code 500}): each queued fault
 * answers one future POST, and random faults (the runtime's chaos options) answer a fraction of
 * them. None unless a test, the chaos options or the local-only {@code _dev/faults} endpoint ask.
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
    private java.util.Random random = new java.util.Random(0);
    private double failureRate;
    private double dropRate;
    private Predicate<String> failingFrames;
    private Fault failingFramesWith;

    /**
     * From now on, a fraction {@code failureRate} of posts is answered 429 or 500 (half each), and
     * before a fraction {@code dropRate} the connection is dropped without a close frame.
     */
    public synchronized void failAtRandom(double failureRate, double dropRate, long seed) {
        this.failureRate = failureRate;
        this.dropRate = dropRate;
        this.random = new java.util.Random(seed);
    }

    synchronized boolean dropNext() {
        return dropRate > 0 && random.nextDouble() < dropRate;
    }

    /** The next {@code count} posts are answered with {@code fault}. */
    public synchronized void failPosts(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            posts.add(fault);
        }
    }

    /**
     * Until {@link #stopFailingFrames()}, every post whose frame matches {@code frames} is answered
     * with {@code fault}: how a test makes one kind of event run out of push retries.
     */
    public synchronized void failFrames(Predicate<String> frames, Fault fault) {
        this.failingFrames = java.util.Objects.requireNonNull(frames, "frames");
        this.failingFramesWith = java.util.Objects.requireNonNull(fault, "fault");
    }

    public synchronized void stopFailingFrames() {
        failingFrames = null;
        failingFramesWith = null;
    }

    synchronized Fault nextPostFault(String frame) {
        if (failingFrames != null && failingFrames.test(frame)) {
            return failingFramesWith;
        }
        Fault queued = posts.poll();
        if (queued != null || failureRate == 0 || random.nextDouble() >= failureRate) {
            return queued;
        }
        return random.nextBoolean() ? Fault.throttled() : Fault.internalError();
    }
}
