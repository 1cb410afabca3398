package io.blastradius.ingest.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable event identities: a hash of where an observation came from (source, incident, update,
 * subject, component) and what it said. Re-reading the same content gives the same id on every poll
 * and after a restart; an edit (new text, new {@code updated_at}) gives a new one.
 */
public final class EventIds {
    private EventIds() {
    }

    /** 32 hex characters (128 bits of SHA-256) over the parts; nulls and part boundaries are kept distinct. */
    public static String of(String... parts) {
        MessageDigest digest = sha256();
        for (String part : parts) {
            if (part == null) {
                digest.update((byte) 0);
            } else {
                digest.update((byte) 1);
                digest.update(part.getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) 0x1f);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** The 64-bit fingerprint kept in connector offsets to remember that an event was emitted. */
    public static long fingerprint(String eventId) {
        if (eventId.length() >= 16) {
            try {
                return Long.parseUnsignedLong(eventId.substring(0, 16), 16);
            } catch (NumberFormatException e) {
                // not one of ours: fall through to hashing it
            }
        }
        return Long.parseUnsignedLong(of(eventId).substring(0, 16), 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
