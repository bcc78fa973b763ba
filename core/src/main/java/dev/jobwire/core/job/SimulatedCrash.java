package dev.jobwire.core.job;

/**
 * Stands for the death of the worker process (out of memory, a killed container): an
 * {@link Error} that nothing in jobwire catches, so the invocation fails and nothing more is
 * recorded, exactly as after a real crash. Used by {@code demo.fail} with {@code mode: crash}
 * and by fault injection.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(String message) {
        super(message);
    }
}
