package dev.jobwire.core.usecase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Processes a batch of messages from a FIFO queue and returns the ids of those to retry. Once one
 * message of a group fails, every later message of that group in the batch is returned unprocessed
 * as failed too, so a retry can never overtake what came before it. Other groups go on.
 */
public final class OrderedBatch {
    private OrderedBatch() {
    }

    /** Handles one message; returns true when it is done, false (or throws) when it must be retried. */
    @FunctionalInterface
    public interface Step<T> {
        boolean process(T message) throws Exception;
    }

    public static <T> List<String> process(List<T> messages, Function<T, String> id, Function<T, String> group,
                                           Step<T> step) {
        List<String> failed = new ArrayList<>();
        Set<String> blockedGroups = new HashSet<>();
        for (T message : messages) {
            String groupId = group.apply(message);
            boolean done;
            if (groupId != null && blockedGroups.contains(groupId)) {
                done = false;
            } else {
                try {
                    done = step.process(message);
                } catch (Exception e) {
                    done = false;
                }
            }
            if (!done) {
                failed.add(id.apply(message));
                if (groupId != null) {
                    blockedGroups.add(groupId);
                }
            }
        }
        return List.copyOf(failed);
    }
}
