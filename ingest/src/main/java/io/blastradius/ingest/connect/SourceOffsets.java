package io.blastradius.ingest.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers for Connect source partitions and offsets. Offsets come back from the worker's offset
 * store as JSON values: an int written may be read as a Long, so read numbers through these helpers
 * rather than by casting.
 */
public final class SourceOffsets {

    private SourceOffsets() {
    }

    /** A source partition (or offset) from alternating keys and values: {@code partition("page", id)}. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.copyOf(map);
    }

    /** The number under {@code key}, or {@code fallback} when absent. */
    public static long longValue(Map<String, ?> offset, String key, long fallback) {
        Object value = offset == null ? null : offset.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stored offset '" + key + "' is not a number: " + value, e);
        }
    }

    /** The text under {@code key}, or null when absent. */
    public static String stringValue(Map<String, ?> offset, String key) {
        Object value = offset == null ? null : offset.get(key);
        return value == null ? null : value.toString();
    }
}
