package dev.jobwire.core.model;

import java.util.regex.Pattern;

/** The naming rule for job types: dotted lower-case words such as {@code demo.sleep}. */
public final class JobTypes {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");

    private JobTypes() {
    }

    public static boolean isValidName(String type) {
        return type != null && type.length() <= 64 && NAME.matcher(type).matches();
    }
}
