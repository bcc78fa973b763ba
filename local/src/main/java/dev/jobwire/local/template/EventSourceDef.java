package dev.jobwire.local.template;

import java.time.Duration;
import java.util.Objects;

/**
 * One SQS event source of a function (a SAM {@code Events} entry of {@code Type: SQS}).
 *
 * @param functionLogicalId       the function it invokes
 * @param queueLogicalId          the queue it polls
 * @param batchSize               {@code BatchSize}, 10 when unset
 * @param maximumBatchingWindow   {@code MaximumBatchingWindowInSeconds}, zero when unset
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}
 * @param maximumConcurrency      {@code ScalingConfig.MaximumConcurrency}, or null when unset
 * @param enabled                 {@code Enabled}, true when unset
 */
public record EventSourceDef(String functionLogicalId, String queueLogicalId, int batchSize,
                             Duration maximumBatchingWindow, boolean reportBatchItemFailures,
                             Integer maximumConcurrency, boolean enabled) {
    public EventSourceDef {
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Objects.requireNonNull(queueLogicalId, "queueLogicalId");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(functionLogicalId + ": batchSize must be 1..10000");
        }
        if (maximumConcurrency != null && maximumConcurrency < 2) {
            throw new IllegalArgumentException(functionLogicalId + ": ScalingConfig.MaximumConcurrency must be >= 2");
        }
    }
}
