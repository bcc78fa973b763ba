package dev.jobwire.aws.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

/**
 * Mints HS256 JWTs that {@link JwtTokenVerifier} accepts: {@code sub} = the user id, {@code iat}
 * = now and {@code exp} = now + lifetime, in whole seconds as JWT requires. Meant for tests and
 * the local runtime's development tokens; a production deployment takes tokens from its own
 * identity provider, sharing the secret.
 */
public final class JwtTokenIssuer {
    /** The minimum secret length for HS256: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private final MACSigner signer;
    private final Clock clock;

    /**
     * @param secret the shared secret, at least {@link #MIN_SECRET_BYTES} bytes of UTF-8
     * @throws IllegalArgumentException if the secret is too short
     */
    public JwtTokenIssuer(String secret, Clock clock) {
        try {
            this.signer = new MACSigner(secretBytes(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret is not a usable HS256 key", e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code userId}, valid from now for {@code lifetime}. */
    public String issue(UserId userId, Duration lifetime) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lifetime must be at least one second");
        }
        Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    static byte[] secretBytes(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return bytes;
    }
}
