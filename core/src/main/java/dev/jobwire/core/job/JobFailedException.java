package dev.jobwire.core.job;

import java.util.Objects;

/** A failure that retrying cannot fix: the job ends FAILED at once with this code and message. */
public class JobFailedException extends Exception {
    private final String code;

    public JobFailedException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public JobFailedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
