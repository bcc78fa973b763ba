package dev.jobwire.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "webhook-signature-test-secret-32-bytes";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void sign_isHmacSha256OverTimestampDotBody_inHex() throws Exception {
        String body = "{\"type\":\"succeeded\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((AT.getEpochSecond() + "." + body)
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(signature.sign(AT, body)).isEqualTo("t=" + AT.getEpochSecond() + ",v1=" + expected);
    }

    @Test
    void verify_acceptsItsOwnSignatureWithinTheTolerance() {
        String header = signature.sign(AT, "{}");

        assertThat(signature.verify(header, "{}", AT.plusSeconds(299), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void verify_rejectsAnAlteredBodyAnOldTimestampAndAnotherSecret() {
        String header = signature.sign(AT, "{\"a\":1}");

        assertThat(signature.verify(header, "{\"a\":2}", AT, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify(header, "{\"a\":1}", AT.plusSeconds(301), Duration.ofMinutes(5))).isFalse();
        assertThat(new WebhookSignature(SECRET + "x").verify(header, "{\"a\":1}", AT, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(signature.verify(header.replace("t=" + AT.getEpochSecond(), "t=" + (AT.getEpochSecond() + 1)),
                "{\"a\":1}", AT, Duration.ofMinutes(5))).isFalse();
        assertThat(signature.verify(null, "{}", AT, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void aShortSecret_isRefused() {
        assertThatThrownBy(() -> new WebhookSignature("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
