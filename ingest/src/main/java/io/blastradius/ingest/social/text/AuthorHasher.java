package io.blastradius.ingest.social.text;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an author's account id with HMAC-SHA256(salt, platform + ":" + id), hex, truncated to
 * 128 bits: the same author gives the same hash (volume can be counted per author), the handle is
 * not stored, and without the salt the hash cannot be matched against a list of known handles.
 */
public final class AuthorHasher {
    /** Shortest salt accepted, in bytes; a short salt could be guessed. */
    public static final int MIN_SALT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;

    public AuthorHasher(String salt) {
        if (salt == null || salt.getBytes(StandardCharsets.UTF_8).length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("the author-hash salt must be at least " + MIN_SALT_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The hash of {@code accountId} on {@code platform}; the same inputs always give the same hash. */
    public String hash(String platform, String accountId) {
        Mac mac = mac();
        byte[] digest = mac.doFinal((platform + ":" + (accountId == null ? "" : accountId)).getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        for (int k = 0; k < 16; k++) {
            out[2 * k] = HEX[(digest[k] >> 4) & 0xF];
            out[2 * k + 1] = HEX[digest[k] & 0xF];
        }
        return new String(out);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
