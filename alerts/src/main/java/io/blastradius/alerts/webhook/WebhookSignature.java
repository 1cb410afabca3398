package io.blastradius.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of webhook requests. The signed message is the timestamp header's value,
 * a dot, and the raw body bytes: {@code HMAC_SHA256(secret, timestamp + "." + body)}, sent hex-encoded
 * as {@code X-Blastradius-Signature: sha256=<hex>} beside {@code X-Blastradius-Timestamp: <unix seconds>}.
 * Signing the timestamp lets a receiver refuse replays of old requests; {@link #verify} is what a
 * Java receiver needs (docs/alerts.md shows the same in Python and the shell).
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Blastradius-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Blastradius-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The {@code X-Blastradius-Signature} value for {@code body} sent at {@code timestamp} (unix seconds). */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        Mac mac = mac(secret);
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        return PREFIX + HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * Whether a request is authentic and fresh: the signature matches (compared in constant time)
     * and the timestamp is within {@code tolerance} of {@code now}.
     */
    public static boolean verify(byte[] secret, String timestampHeader, String signatureHeader, byte[] body,
            Instant now, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestampHeader.trim(), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
