package dev.jobwire.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jobwire.core.model.UserId;
import dev.jobwire.core.port.Clock;
import dev.jobwire.core.port.TokenVerifier.Invalid;
import dev.jobwire.core.port.TokenVerifier.Valid;
import dev.jobwire.core.port.TokenVerifier.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JwtTokenVerifierTest {
    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = () -> NOW;

    private final JwtTokenVerifier verifier = new JwtTokenVerifier(SECRET, CLOCK);

    @Test
    void verify_issuedToken_isValidForItsUserUntilItsExpiry() {
        String token = new JwtTokenIssuer(SECRET, CLOCK).issue(UserId.of("alice"), Duration.ofHours(1));

        assertThat(verifier.verify(token)).isEqualTo(new Valid(UserId.of("alice"), NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void verify_expiredToken_isInvalid() {
        String token = hs256(claims("alice").expirationTime(at(NOW.minusSeconds(60))));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("token expired"));
    }

    @Test
    void verify_tokenExpiredWithinClockSkew_isStillValid() {
        String token = hs256(claims("alice").expirationTime(at(NOW.minusSeconds(10))));

        assertThat(verifier.verify(token)).isInstanceOf(Valid.class);
    }

    @Test
    void verify_tokenExpiredExactlyClockSkewAgo_isInvalid() {
        String token = hs256(claims("alice").expirationTime(at(NOW.minus(JwtTokenVerifier.CLOCK_SKEW))));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("token expired"));
    }

    @Test
    void verify_tokenWithNotBeforeInTheFuture_isInvalid() {
        String token = hs256(claims("alice").notBeforeTime(at(NOW.plusSeconds(120))));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("token not yet valid"));
    }

    @Test
    void verify_tokenWithNotBeforeWithinClockSkew_isValid() {
        String token = hs256(claims("alice").notBeforeTime(at(NOW.plusSeconds(10))));

        assertThat(verifier.verify(token)).isInstanceOf(Valid.class);
    }

    @Test
    void verify_tokenSignedWithAnotherSecret_isInvalid() {
        String token = new JwtTokenIssuer("another-secret-that-is-32-bytes-long!", CLOCK)
                .issue(UserId.of("alice"), Duration.ofHours(1));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("bad signature"));
    }

    @Test
    void verify_tokenWithAlteredClaims_isInvalid() {
        String[] parts = hs256(claims("alice")).split("\\.");
        String forged = parts[0] + "." + encode("{\"sub\":\"mallory\",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}")
                + "." + parts[2];

        assertThat(verifier.verify(forged)).isEqualTo(new Invalid("bad signature"));
    }

    @Test
    void verify_unsignedAlgNoneToken_isInvalid() {
        String token = encode("{\"alg\":\"none\"}") + "."
                + encode("{\"sub\":\"alice\",\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}") + ".";

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("unsigned token"));
    }

    @Test
    void verify_rs256Token_isInvalidWhateverItsSignature() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims("alice").build());
        jwt.sign(new RSASSASigner(key));

        assertThat(verifier.verify(jwt.serialize())).isEqualTo(new Invalid("unsupported algorithm"));
    }

    @Test
    void verify_hs384TokenWithTheRightSecret_isInvalid() throws JOSEException {
        byte[] longSecret = (SECRET + SECRET).getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims("alice").build());
        jwt.sign(new MACSigner(longSecret));

        assertThat(verifier.verify(jwt.serialize())).isEqualTo(new Invalid("unsupported algorithm"));
    }

    @Test
    void verify_tokenWithoutSubject_isInvalid() {
        String token = hs256(new JWTClaimsSet.Builder().expirationTime(at(NOW.plusSeconds(3600))));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("token has no subject"));
    }

    @Test
    void verify_tokenWhoseSubjectIsNotAUserId_isInvalid() {
        String token = hs256(claims("alice#admin"));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("token subject is not a valid user id"));
    }

    @Test
    void verify_tokenWithoutExpiry_isInvalid() {
        String token = hs256(new JWTClaimsSet.Builder().subject("alice"));

        assertThat(verifier.verify(token)).isEqualTo(new Invalid("token has no expiry"));
    }

    @Test
    void verify_malformedTokens_areInvalidWithoutThrowing() {
        for (String token : new String[] {"not-a-token", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30",
                encode("{\"alg\":\"HS256\"}") + "." + encode("[1,2]") + ".sig", "x".repeat(20_000)}) {
            Verification verification = verifier.verify(token);

            assertThat(verification).as(token.length() > 60 ? "a very long token" : token).isInstanceOf(Invalid.class);
        }
    }

    @Test
    void verify_tokenWithExpiryOfTheWrongType_isInvalid() throws JOSEException {
        String header = encode("{\"alg\":\"HS256\"}");
        String payload = encode("{\"sub\":\"alice\",\"exp\":\"tomorrow\"}");
        Base64URL signature = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8))
                .sign(new JWSHeader(JWSAlgorithm.HS256), (header + "." + payload).getBytes(StandardCharsets.US_ASCII));

        assertThat(verifier.verify(header + "." + payload + "." + signature)).isEqualTo(new Invalid("malformed token"));
    }

    @Test
    void verify_emptyOrNullToken_isMissing() {
        assertThat(verifier.verify("")).isEqualTo(new Invalid("missing token"));
        assertThat(verifier.verify("   ")).isEqualTo(new Invalid("missing token"));
        assertThat(verifier.verify(null)).isEqualTo(new Invalid("missing token"));
    }

    @Test
    void constructor_withSecretShorterThan32Bytes_isRejected() {
        assertThatThrownBy(() -> new JwtTokenVerifier("x".repeat(31), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void issue_withNonPositiveLifetime_isRejected() {
        JwtTokenIssuer issuer = new JwtTokenIssuer(SECRET, CLOCK);

        assertThatThrownBy(() -> issuer.issue(UserId.of("alice"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).expirationTime(at(NOW.plusSeconds(3600)));
    }

    private static String hs256(JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date at(Instant instant) {
        return Date.from(instant);
    }

    private static String encode(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
