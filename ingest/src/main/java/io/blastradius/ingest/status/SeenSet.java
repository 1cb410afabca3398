package io.blastradius.ingest.status;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fingerprints of what a feed source already emitted, each with the minute its item last changed.
 * Entries older than the look-back window are dropped (the parsers' items that old are dropped too,
 * so they cannot come back); a count bound evicts the oldest insertions beyond that, as a safety net.
 * Encodes to a compact string for Connect source offsets: 12 bytes per entry, Base64.
 */
public final class SeenSet {
    private final int maxEntries;
    private final LinkedHashMap<Long, Integer> entries = new LinkedHashMap<>();
    private long evicted;

    public SeenSet(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    public boolean contains(long fingerprint) {
        return entries.containsKey(fingerprint);
    }

    /** Remembers {@code fingerprint}; when already present, moves its change time forward if later. */
    public void add(long fingerprint, Instant changedAt) {
        int minute = minute(changedAt);
        Integer old = entries.get(fingerprint);
        if (old == null) {
            entries.put(fingerprint, minute);
            while (entries.size() > maxEntries) {
                Iterator<Long> it = entries.keySet().iterator();
                it.next();
                it.remove();
                evicted++;
            }
        } else if (minute > old) {
            entries.put(fingerprint, minute);
        }
    }

    /** Refreshes the change time of a present entry (an item still in the feed and still news). */
    public boolean touch(long fingerprint, Instant changedAt) {
        Integer old = entries.get(fingerprint);
        int minute = minute(changedAt);
        if (old != null && minute > old) {
            entries.put(fingerprint, minute);
            return true;
        }
        return false;
    }

    /** Drops entries whose item last changed before {@code notBefore}; returns how many. */
    public int prune(Instant notBefore) {
        int limit = minute(notBefore);
        int before = entries.size();
        // one minute of slack: an entry is rounded down to its minute
        entries.values().removeIf(m -> m < limit - 1);
        return before - entries.size();
    }

    public int size() {
        return entries.size();
    }

    /** Entries pushed out by the count bound since this set was made (a sign the bound is too small). */
    public long evicted() {
        return evicted;
    }

    public String encode() {
        ByteBuffer buf = ByteBuffer.allocate(entries.size() * 12);
        for (Map.Entry<Long, Integer> e : entries.entrySet()) {
            buf.putLong(e.getKey());
            buf.putInt(e.getValue());
        }
        return Base64.getEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** Restores a set from {@link #encode()}; throws {@link IllegalArgumentException} on garbage. */
    public static SeenSet decode(String text, int maxEntries) {
        SeenSet set = new SeenSet(maxEntries);
        if (text == null || text.isEmpty()) {
            return set;
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        if (bytes.length % 12 != 0) {
            throw new IllegalArgumentException("seen-set encoding of " + bytes.length + " bytes is not a multiple of 12");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            long fp = buf.getLong();
            int minute = buf.getInt();
            set.entries.put(fp, minute);
        }
        while (set.entries.size() > maxEntries) {
            Iterator<Long> it = set.entries.keySet().iterator();
            it.next();
            it.remove();
        }
        return set;
    }

    private static int minute(Instant t) {
        long m = Math.floorDiv(t.getEpochSecond(), 60);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, m));
    }
}
