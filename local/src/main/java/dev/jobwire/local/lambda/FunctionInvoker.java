package dev.jobwire.local.lambda;

/** Invokes one local function synchronously, as API Gateway's AWS_PROXY integration does. */
public interface FunctionInvoker {
    /**
     * Runs the handler on {@code eventJson}, deserialised to the handler's input type the way the
     * Lambda Java runtime does. Never throws for a handler's failure: that is the result's outcome.
     */
    Invocation invoke(String eventJson);
}
