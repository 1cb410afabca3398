package io.blastradius.ingest.probe.ranges;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable longest-prefix-match table over every provider's published ranges, IPv4 and IPv6.
 *
 * <p>At build time the nested prefixes are flattened into disjoint address intervals, each
 * carrying the attribution that holds for every address in it; a lookup is then one binary search
 * over a sorted primitive array (about 17 steps for 100,000 prefixes) and allocates nothing.
 *
 * <p>Which entry wins for an address: the provider is that of the longest matching prefix. Each
 * other part is taken from the most specific entry of that provider that knows it: the longest
 * prefix first, and at one and the same prefix a named service before a broad one ({@code ec2})
 * before a generic one ({@code AMAZON}, {@code AzureCloud}), and a region before {@code global}.
 * A generic entry therefore never hides what a shorter named-service prefix says about the same
 * address: AWS publishes every prefix under {@code AMAZON} as well as under its service, and an
 * {@code AMAZON}-only /24 inside an {@code S3} /15 is still S3 address space.
 */
public final class RangeTable {
    private static final long V4_MAX = 0xFFFF_FFFFL;

    private final int[] v4Starts;          // interval starts, sign bit flipped so signed order = unsigned order
    private final Attribution[] v4Values;  // null where no prefix matches
    private final long[] v6StartHigh;      // interval starts, sign bits flipped
    private final long[] v6StartLow;
    private final Attribution[] v6Values;
    private final int v4Prefixes;
    private final int v6Prefixes;
    /** Parses textual IPv6 straight into a lookup; {@link #NO_MATCH} tells "no match" from "not an address". */
    private final IpText.V6Sink<Attribution> v6Lookup = (high, low) -> {
        Attribution a = lookupV6(high, low);
        return a == null ? NO_MATCH : a;
    };
    private static final Attribution NO_MATCH = new Attribution("none", "global", null, "::/0", null);

    private RangeTable(Flattened v4, Flattened v6, int v4Prefixes, int v6Prefixes) {
        this.v4Starts = new int[v4.size()];
        for (int i = 0; i < v4Starts.length; i++) {
            v4Starts[i] = (int) v4.low[i] ^ Integer.MIN_VALUE;
        }
        this.v4Values = v4.values.toArray(new Attribution[0]);
        this.v6StartHigh = new long[v6.size()];
        this.v6StartLow = new long[v6.size()];
        for (int i = 0; i < v6StartHigh.length; i++) {
            v6StartHigh[i] = v6.high[i] ^ Long.MIN_VALUE;
            v6StartLow[i] = v6.low[i] ^ Long.MIN_VALUE;
        }
        this.v6Values = v6.values.toArray(new Attribution[0]);
        this.v4Prefixes = v4Prefixes;
        this.v6Prefixes = v6Prefixes;
    }

    /** A table that attributes nothing. */
    public static RangeTable empty() {
        return Empty.TABLE;
    }

    private static final class Empty {
        static final RangeTable TABLE = build(List.of());
    }

    /** Builds the table; entries may come from any number of files and providers, in any order. */
    public static RangeTable build(Collection<RangeEntry> entries) {
        List<RangeEntry> v4 = new ArrayList<>();
        List<RangeEntry> v6 = new ArrayList<>();
        for (RangeEntry e : entries) {
            (e.cidr().v4() ? v4 : v6).add(e);
        }
        Map<Attribution, Attribution> interned = new HashMap<>();
        return new RangeTable(flatten(v4, true, interned), flatten(v6, false, interned), v4.size(), v6.size());
    }

    /** Attribution of an IPv4 address given as its 32 bits (network order, as {@code ByteBuffer.getInt} reads it); null when unlisted. */
    public Attribution lookupV4(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int[] starts = v4Starts;
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return v4Values[lo];
    }

    /**
     * Attribution of an IPv6 address given as its high and low 64 bits; null when unlisted. An
     * IPv4-mapped address ({@code ::ffff:a.b.c.d}) is looked up as the IPv4 address.
     */
    public Attribution lookupV6(long high, long low) {
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return lookupV4((int) low);
        }
        long keyHigh = high ^ Long.MIN_VALUE;
        long keyLow = low ^ Long.MIN_VALUE;
        long[] sh = v6StartHigh;
        long[] sl = v6StartLow;
        int lo = 0;
        int hi = sh.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            long h = sh[mid];
            if (h < keyHigh || (h == keyHigh && sl[mid] <= keyLow)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return v6Values[lo];
    }

    /** Attribution of a 4- or 16-byte address; null when unlisted. */
    public Attribution lookup(byte[] address) {
        if (address.length == 4) {
            return lookupV4(readInt(address, 0));
        }
        if (address.length == 16) {
            return lookupV6(readLong(address, 0), readLong(address, 8));
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
    }

    /** Attribution of a resolved address; null when unlisted. */
    public Attribution lookup(InetAddress address) {
        return lookup(address.getAddress());
    }

    /**
     * Attribution of an address literal ({@code 3.80.1.2}, {@code 2600:1f18::1}); null when unlisted.
     *
     * @throws IllegalArgumentException when the text is not an IP address literal
     */
    public Attribution lookup(CharSequence text) {
        int len = text.length();
        long v4 = IpText.parseV4(text, 0, len);
        if (v4 != IpText.INVALID) {
            return lookupV4((int) v4);
        }
        if (len >= 2) {
            Attribution a = IpText.parseV6(text, 0, len, v6Lookup);
            if (a != null) {
                return a == NO_MATCH ? null : a;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IP address literal");
    }

    /** IPv4 prefixes the table was built from, including the same prefix listed under several names. */
    public int v4PrefixCount() {
        return v4Prefixes;
    }

    /** IPv6 prefixes the table was built from. */
    public int v6PrefixCount() {
        return v6Prefixes;
    }

    /** Disjoint address intervals after flattening (IPv4 + IPv6); the size of the search arrays. */
    public int intervalCount() {
        return v4Starts.length + v6StartHigh.length;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static long readLong(byte[] b, int off) {
        return (long) readInt(b, off) << 32 | (readInt(b, off + 4) & 0xFFFF_FFFFL);
    }

    // ---- build: flatten nested prefixes into disjoint intervals --------------------------------

    /** Sort order for the sweep: by start, wider prefix first, and at one prefix the least specific entry first. */
    private static final Comparator<RangeEntry> SWEEP_ORDER = Comparator
            .<RangeEntry>comparingLong(e -> e.cidr().high() ^ Long.MIN_VALUE)
            .thenComparingLong(e -> e.cidr().low() ^ Long.MIN_VALUE)
            .thenComparingInt(e -> e.cidr().length())
            .thenComparingInt(RangeTable::specificity)
            .thenComparing(RangeEntry::provider)
            .thenComparing(RangeEntry::region)
            .thenComparing(e -> e.service() == null ? "" : e.service())
            .thenComparing(e -> e.location() == null ? "" : e.location());

    private static int specificity(RangeEntry e) {
        return ProviderNaming.serviceRank(e.provider(), e.service()) * 2 + (e.regional() ? 1 : 0);
    }

    /**
     * Sweeps the prefixes in address order with a stack of the prefixes that contain the cursor.
     * CIDR prefixes are either nested or disjoint, so the stack is always a chain from the widest
     * to the narrowest, and the attribution of an interval is a function of the stack alone.
     */
    private static Flattened flatten(List<RangeEntry> entries, boolean v4, Map<Attribution, Attribution> interned) {
        entries.sort(SWEEP_ORDER);
        Flattened out = new Flattened(entries.size() * 2 + 1, interned);
        Sweep sweep = new Sweep(out, v4);
        for (RangeEntry e : entries) {
            Cidr c = e.cidr();
            while (sweep.topEndsBefore(c)) {
                sweep.emitThroughTopAndPop();
            }
            sweep.emitBefore(c.high(), c.low());
            sweep.stack.add(e);
        }
        while (!sweep.stack.isEmpty()) {
            sweep.emitThroughTopAndPop();
        }
        sweep.emitRest();
        return out;
    }

    private static final class Sweep {
        final List<RangeEntry> stack = new ArrayList<>();
        final Flattened out;
        final boolean v4;
        long cursorHigh;   // first address not yet covered by an emitted interval
        long cursorLow;
        boolean exhausted; // the cursor has passed the last address of the space

        Sweep(Flattened out, boolean v4) {
            this.out = out;
            this.v4 = v4;
        }

        /** True when the innermost open prefix ends before {@code next} starts (so it cannot contain it). */
        boolean topEndsBefore(Cidr next) {
            if (stack.isEmpty()) {
                return false;
            }
            long lastHigh = topLastHigh();
            return lastHigh != next.high() ? Long.compareUnsigned(lastHigh, next.high()) < 0
                    : Long.compareUnsigned(topLastLow(), next.low()) < 0;
        }

        long topLastHigh() {
            return stack.get(stack.size() - 1).cidr().lastHigh();
        }

        long topLastLow() {
            return stack.get(stack.size() - 1).cidr().lastLow();
        }

        /** Emits [cursor, start) with the current stack's attribution, if that interval is not empty. */
        void emitBefore(long high, long low) {
            if (exhausted) {
                return;
            }
            int cmp = cursorHigh != high ? Long.compareUnsigned(cursorHigh, high) : Long.compareUnsigned(cursorLow, low);
            if (cmp < 0) {
                out.add(cursorHigh, cursorLow, attribution());
                cursorHigh = high;
                cursorLow = low;
            }
        }

        /** Emits [cursor, last of top] with the current stack's attribution, then pops the top. */
        void emitThroughTopAndPop() {
            long lastHigh = topLastHigh();
            long lastLow = topLastLow();
            boolean covered = !exhausted && (cursorHigh != lastHigh
                    ? Long.compareUnsigned(cursorHigh, lastHigh) < 0
                    : Long.compareUnsigned(cursorLow, lastLow) <= 0);
            if (covered) {
                out.add(cursorHigh, cursorLow, attribution());
                advancePast(lastHigh, lastLow);
            }
            stack.remove(stack.size() - 1);
        }

        void emitRest() {
            if (!exhausted) {
                out.add(cursorHigh, cursorLow, null);
            }
        }

        private void advancePast(long lastHigh, long lastLow) {
            boolean atEnd = v4 ? lastLow == V4_MAX : lastHigh == -1L && lastLow == -1L;
            if (atEnd) {
                exhausted = true;
                return;
            }
            cursorLow = lastLow + 1;
            cursorHigh = cursorLow == 0 ? lastHigh + 1 : lastHigh;
        }

        /** The attribution the whole current stack implies (see the class comment). */
        Attribution attribution() {
            if (stack.isEmpty()) {
                return null;
            }
            RangeEntry top = stack.get(stack.size() - 1);
            String provider = top.provider();
            String service = null;
            RangeEntry regionFrom = null;
            for (int i = stack.size() - 1; i >= 0 && (service == null || regionFrom == null); i--) {
                RangeEntry e = stack.get(i);
                if (!e.provider().equals(provider)) {
                    continue;
                }
                if (service == null && e.service() != null) {
                    service = e.service();
                }
                if (regionFrom == null && e.regional()) {
                    regionFrom = e;
                }
            }
            String region = regionFrom == null ? ScopeParts.GLOBAL : regionFrom.region();
            String location = regionFrom == null ? top.location() : regionFrom.location();
            Attribution a = new Attribution(provider, region, service, top.cidr().toString(), location);
            return out.interned.computeIfAbsent(a, k -> k);
        }
    }

    /** Growable parallel arrays of interval starts and their attributions. */
    private static final class Flattened {
        long[] high;
        long[] low;
        final List<Attribution> values;
        final Map<Attribution, Attribution> interned;

        Flattened(int capacity, Map<Attribution, Attribution> interned) {
            this.high = new long[capacity];
            this.low = new long[capacity];
            this.values = new ArrayList<>(capacity);
            this.interned = interned;
        }

        int size() {
            return values.size();
        }

        void add(long startHigh, long startLow, Attribution value) {
            int n = values.size();
            if (n > 0 && values.get(n - 1) == value) {
                return; // same attribution continues: one interval
            }
            if (n == high.length) {
                high = Arrays.copyOf(high, n * 2 + 1);
                low = Arrays.copyOf(low, n * 2 + 1);
            }
            high[n] = startHigh;
            low[n] = startLow;
            values.add(value);
        }
    }
}
