package dev.jobwire.core.job;

/** The input can never succeed; refused at submit, or FAILED at once without retries if found later. */
public class InvalidInputException extends JobFailedException {
    public InvalidInputException(String message) {
        super("invalid_input", message);
    }
}
