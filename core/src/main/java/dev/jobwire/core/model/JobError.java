package dev.jobwire.core.model;

import java.util.Objects;

/** Why a job failed: a stable machine-readable code and a message for people. */
public record JobError(String code, String message) {
    public JobError {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank");
        }
        message = Objects.requireNonNullElse(Text.clip(message, 2048), "");
    }
}
