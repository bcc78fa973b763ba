package dev.jobwire.core.model;

import java.util.regex.Pattern;

/** Identifies one job. 1–64 characters of {@code [0-9A-Za-z_-]}; jobwire mints 26-character ULIDs. */
public record JobId(String value) {
    private static final Pattern VALID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    public JobId {
        Ids.require("jobId", value, VALID);
    }

    public static JobId of(String value) {
        return new JobId(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
