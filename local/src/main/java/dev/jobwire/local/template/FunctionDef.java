package dev.jobwire.local.template;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code AWS::Serverless::Function} as the local runtime runs it: Globals merged in, every
 * intrinsic in its environment resolved to local names and endpoints.
 *
 * @param logicalId           the resource's logical id in the template
 * @param handlerClass        the class part of {@code Handler} ({@code a.b.C} of {@code a.b.C::handleRequest})
 * @param handlerMethod       the method part, {@code handleRequest} when the template names none
 * @param timeout             {@code Timeout}; an invocation that runs longer has failed
 * @param memoryMb            {@code MemorySize}, reported through the Lambda context
 * @param reservedConcurrency {@code ReservedConcurrentExecutions}, or null when unset
 * @param environment         the resolved environment variables, Globals first, the function's own winning
 */
public record FunctionDef(String logicalId, String handlerClass, String handlerMethod, Duration timeout,
                          int memoryMb, Integer reservedConcurrency, Map<String, String> environment) {
    public FunctionDef {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handlerClass, "handlerClass");
        Objects.requireNonNull(handlerMethod, "handlerMethod");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(logicalId + ": timeout must be positive");
        }
        if (memoryMb < 128) {
            throw new IllegalArgumentException(logicalId + ": memoryMb must be >= 128");
        }
        if (reservedConcurrency != null && reservedConcurrency < 0) {
            throw new IllegalArgumentException(logicalId + ": reservedConcurrency must be >= 0");
        }
        environment = Map.copyOf(environment);
    }
}
