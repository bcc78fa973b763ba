package dev.jobwire.local.lambda;

/**
 * Where a local function's log lines go: the platform lines Lambda writes around each invocation
 * ({@code START}, {@code END}, {@code REPORT}, timeouts) and whatever the handler logs through
 * {@link com.amazonaws.services.lambda.runtime.Context#getLogger()}. Implementations must be
 * thread-safe: several invocations of one function log at once.
 */
@FunctionalInterface
public interface InvocationLog {
    /** Records one line (possibly several lines of text, as one log event) of {@code functionName}. */
    void line(String functionName, String line);

    /** Prints each line to standard output as {@code [FunctionName] line}. */
    static InvocationLog stdout() {
        return (functionName, line) -> System.out.println("[" + functionName + "] " + line);
    }
}
