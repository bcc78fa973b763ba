package dev.jobwire.local.gateway;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Identifiers in API Gateway's shape: connection, request and message ids are 16 characters of
 * URL-safe base64 (11 random bytes), such as {@code L0SM9cOFvHcCIhw=}, so code that parses or stores them
 * meets the same values as on AWS.
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
