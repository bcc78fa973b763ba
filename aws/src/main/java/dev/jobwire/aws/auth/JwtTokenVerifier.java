package dev.jobwire.aws.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.TokenVerifier;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * A {@link TokenVerifier} for JWTs signed with HS256 and a shared secret.
 *
 * <p>A token is valid only if all of these hold: it is a signed JWS (never {@code alg: none})
 * whose header says HS256, and no other algorithm; the signature matches the secret; it has an
 * {@code exp} that, allowing {@link #CLOCK_SKEW}, is still ahead of the injected clock; its
 * {@code nbf}, when present, has been reached, with the same allowance; and its {@code sub} is a
 * valid {@link UserId}. Each failure is an {@link Invalid} with a short reason that reveals
 * nothing about the secret; nothing is thrown, whatever the input.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    /** How far the clocks of issuer and verifier may disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    // A real token is a few hundred bytes; this bounds the work an attacker can ask for.
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private final MACVerifier verifier;
    private final Clock clock;

    /**
     * @param secret the shared secret, at least {@link JwtTokenIssuer#MIN_SECRET_BYTES} bytes of UTF-8
     * @throws IllegalArgumentException if the secret is too short
     */
    public JwtTokenVerifier(String secret, Clock clock) {
        this.verifier = macVerifier(JwtTokenIssuer.secretBytes(secret));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Verification verify(String token) {
        try {
            return check(token);
        } catch (RuntimeException e) {
            // A defect in parsing hostile input must reject the token, not break the caller.
            return new Invalid("malformed token");
        }
    }

    private Verification check(String token) {
        if (token == null || token.isBlank()) {
            return new Invalid("missing token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new Invalid("token too long");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            return new Invalid("malformed token");
        }
        if (jwt instanceof PlainJWT) {
            return new Invalid("unsigned token");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return new Invalid("unsupported token");
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            return new Invalid("unsupported algorithm");
        }
        try {
            if (!signed.verify(verifier)) {
                return new Invalid("bad signature");
            }
        } catch (JOSEException e) {
            return new Invalid("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Invalid("malformed token");
        }
        return checkClaims(claims);
    }

    private Verification checkClaims(JWTClaimsSet claims) {
        Instant now = clock.now();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return new Invalid("token has no expiry");
        }
        Instant expiresAt = expiry.toInstant();
        if (!expiresAt.plus(CLOCK_SKEW).isAfter(now)) {
            return new Invalid("token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            return new Invalid("token not yet valid");
        }
        Object subject = claims.getClaim("sub");
        if (!(subject instanceof String sub) || sub.isEmpty()) {
            return new Invalid("token has no subject");
        }
        if (!isValidUserId(sub)) {
            return new Invalid("token subject is not a valid user id");
        }
        return new Valid(UserId.of(sub), expiresAt);
    }

    private static boolean isValidUserId(String value) {
        try {
            UserId.of(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static MACVerifier macVerifier(byte[] secret) {
        try {
            return new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret is not a usable HS256 key", e);
        }
    }
}
