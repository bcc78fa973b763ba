package dev.jobwire.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Jobwire-Signature} header of a webhook: {@code t=<unix seconds>,v1=<hex>}, where the
 * hex is HMAC-SHA256 with the deployment's webhook secret over {@code "<t>.<body>"} (the body
 * byte for byte as sent). Binding the timestamp into the MAC lets a receiver refuse replays of
 * an old delivery: it checks the MAC, then that {@code t} is within its tolerance of its own clock,
 * then deduplicates on {@code Jobwire-Event-Id}.
 */
public final class WebhookSignature {
    public static final String HEADER = "Jobwire-Signature";
    public static final String EVENT_ID_HEADER = "Jobwire-Event-Id";
    /** The tolerance this project recommends to receivers, and uses in its own {@link #verify}. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The shortest secret accepted: the size of the HMAC-SHA256 key, 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;

    public WebhookSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        if (this.secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the webhook secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    /** The header value for {@code body} sent at {@code at}. */
    public String sign(Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
    }

    /**
     * What a receiver does: true when {@code header} carries a {@code v1} MAC of {@code body} at
     * its {@code t} and {@code t} is within {@code tolerance} of {@code now}.
     */
    public boolean verify(String header, String body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] expected = null;
        boolean matched = false;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    t = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        if (t == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        expected = mac(t, body);
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("v1")) {
                try {
                    matched |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(pair[1]));
                } catch (IllegalArgumentException e) {
                    // not hex: not a match
                }
            }
        }
        return matched;
    }

    private byte[] mac(long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
