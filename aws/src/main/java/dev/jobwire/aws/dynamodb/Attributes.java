package dev.jobwire.aws.dynamodb;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Conversions shared by the DynamoDB stores. Timestamps are numbers of epoch milliseconds; the
 * TTL attribute {@code expiresAt} is a number of epoch seconds, as DynamoDB TTL requires, rounded
 * up so that a row is never removed or hidden before the instant its record asked for.
 */
final class Attributes {
    static final String EXPIRES_AT = "expiresAt";

    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue millis(Instant instant) {
        return n(instant.toEpochMilli());
    }

    static AttributeValue expiry(Instant expiresAt) {
        return n(expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0));
    }

    /**
     * The value to compare {@code expiresAt} with: a row is live while {@code expiresAt > this}.
     * With whole-second expiries, {@code now < expiresAt} holds exactly when the floor of now in
     * seconds is below it.
     */
    static AttributeValue nowSeconds(Instant now) {
        return n(now.getEpochSecond());
    }

    static boolean isLive(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        return expiresAt != null && expiresAt.n() != null && expiry(item).isAfter(now);
    }

    static Instant expiry(Map<String, AttributeValue> item) {
        return Instant.ofEpochSecond(number(item, EXPIRES_AT));
    }

    static void putIfNotNull(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static String requiredString(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        if (value == null) {
            throw new IllegalStateException("item has no string attribute " + name);
        }
        return value;
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("item has no number attribute " + name);
        }
        return Long.parseLong(value.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.ofEpochMilli(number(item, name));
    }
}
