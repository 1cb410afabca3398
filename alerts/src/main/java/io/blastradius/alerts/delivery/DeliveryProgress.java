package io.blastradius.alerts.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What each destination still owed of one partition when its offset was committed, carried in the
 * commit's metadata. The committed offset is that of the oldest record <em>any</em> destination
 * owes, so one slow or failing destination holds it back for all; without this, a restart would
 * send every other destination again everything since, and what has no idempotency key of its own
 * (a Slack message, a PagerDuty trigger after its resolve) would show twice. With it, the records
 * from the committed offset up to {@link #next()} go after a restart only to the destinations that
 * still owed them. A destination the progress does not name (added since) owes them all.
 *
 * <p>Encoded as {@code v1;<next>;<destination>=<owed>;...}, where {@code <owed>} is a comma list
 * of offsets and {@code a-b} ranges, e.g. {@code v1;42;pagerduty=;hook=12-15,40}.
 */
public final class DeliveryProgress {
    private static final String VERSION = "v1";
    /** More offsets owed than this, over all destinations, is not worth remembering record by record. */
    public static final int MAX_OFFSETS = 100_000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final long next;
    private final Map<String, NavigableSet<Long>> owed;

    /**
     * @param next the offset after the last record read when it was written
     * @param owed per destination, the offsets it had not finished (delivered, skipped or
     *     dead-lettered), below {@code next}
     */
    public DeliveryProgress(long next, Map<String, ? extends NavigableSet<Long>> owed) {
        this.next = next;
        Map<String, NavigableSet<Long>> copy = new LinkedHashMap<>();
        owed.forEach((destination, offsets) -> {
            if (!NAME.matcher(destination).matches()) {
                throw new IllegalArgumentException("not a destination name: " + destination);
            }
            copy.put(destination, Collections.unmodifiableNavigableSet(new TreeSet<>(offsets)));
        });
        this.owed = Collections.unmodifiableMap(copy);
    }

    /** The offset after the last record the progress knows about. */
    public long next() {
        return next;
    }

    /** The destinations it names. */
    public Map<String, NavigableSet<Long>> owed() {
        return owed;
    }

    /**
     * Whether {@code destination} must still get the record at {@code offset}: it owed it, or the
     * progress does not know that record or that destination.
     */
    public boolean owes(String destination, long offset) {
        if (offset >= next) {
            return true;
        }
        NavigableSet<Long> offsets = owed.get(destination);
        return offsets == null || offsets.contains(offset);
    }

    /** The commit metadata form. */
    public String encode() {
        StringBuilder out = new StringBuilder(VERSION).append(';').append(next);
        owed.forEach((destination, offsets) -> {
            out.append(';').append(destination).append('=');
            appendRanges(out, offsets);
        });
        return out.toString();
    }

    private static void appendRanges(StringBuilder out, NavigableSet<Long> offsets) {
        Long start = null;
        long end = 0;
        boolean first = true;
        for (long o : offsets) {
            if (start != null && o == end + 1) {
                end = o;
                continue;
            }
            if (start != null) {
                first = appendRange(out, start, end, first);
            }
            start = o;
            end = o;
        }
        if (start != null) {
            appendRange(out, start, end, first);
        }
    }

    private static boolean appendRange(StringBuilder out, long start, long end, boolean first) {
        if (!first) {
            out.append(',');
        }
        out.append(start);
        if (end > start) {
            out.append('-').append(end);
        }
        return false;
    }

    /**
     * Reads commit metadata written by {@link #encode()}.
     *
     * @return the progress, or null when {@code metadata} is empty or not a progress this version
     *     reads (then every destination gets every record again: at least once still holds)
     */
    public static DeliveryProgress decode(String metadata) {
        if (metadata == null || !metadata.startsWith(VERSION + ";")) {
            return null;
        }
        String[] parts = metadata.split(";", -1);
        try {
            long next = Long.parseLong(parts[1]);
            Map<String, NavigableSet<Long>> owed = new LinkedHashMap<>();
            long total = 0;
            for (int i = 2; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                NavigableSet<Long> offsets = new TreeSet<>();
                String ranges = parts[i].substring(eq + 1);
                if (!ranges.isEmpty()) {
                    for (String range : ranges.split(",")) {
                        int dash = range.indexOf('-');
                        long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                        long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
                        total += to - from + 1;
                        if (to < from || to >= next || total > MAX_OFFSETS) {
                            return null;
                        }
                        for (long o = from; o <= to; o++) {
                            offsets.add(o);
                        }
                    }
                }
                owed.put(parts[i].substring(0, eq), offsets);
            }
            return new DeliveryProgress(next, owed);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return null;
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}
