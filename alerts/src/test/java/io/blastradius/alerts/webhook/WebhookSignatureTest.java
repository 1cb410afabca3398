package io.blastradius.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"alertId\":\"o1:1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_760_943_180L);

    @Test
    void signsTimestampDotBodyWithHmacSha256AsHex() {
        // the same as Python's hmac.new(b's3cret', b'1760943180.' + body, hashlib.sha256).hexdigest()
        // and openssl: printf '%s' '1760943180.{"alertId":"o1:1"}' | openssl dgst -sha256 -hmac s3cret
        assertThat(WebhookSignature.sign(SECRET, "1760943180", BODY))
                .isEqualTo("sha256=0fce6c2600f1a37b71b6e617fdce42f0de6e4af845b8a2cc07fea807ac8cc5ac");
    }

    @Test
    void verifiesItsOwnSignatureWithinTheTolerance() {
        String signature = WebhookSignature.sign(SECRET, "1760943180", BODY);
        assertThat(WebhookSignature.verify(SECRET, "1760943180", signature, BODY, NOW.plusSeconds(60),
                Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void rejectsATamperedBodyAWrongSecretAndAStaleTimestamp() {
        String signature = WebhookSignature.sign(SECRET, "1760943180", BODY);
        byte[] tampered = "{\"alertId\":\"o1:2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(SECRET, "1760943180", signature, tampered, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), "1760943180", signature, BODY, NOW,
                Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1760943180", signature, BODY, NOW.plusSeconds(301),
                Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1760943181", signature, BODY, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, signature, BODY, NOW, Duration.ofMinutes(5))).isFalse();
    }
}
