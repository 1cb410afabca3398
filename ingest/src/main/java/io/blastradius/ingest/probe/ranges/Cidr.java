package io.blastradius.ingest.probe.ranges;

import java.util.Locale;

/**
 * An IPv4 or IPv6 prefix. Addresses are kept as unsigned 128-bit numbers in two longs
 * ({@code high}, {@code low}); an IPv4 prefix uses only the low 32 bits, so the two families are
 * separate key spaces.
 *
 * @param v4 IPv4 when true, IPv6 otherwise
 * @param high upper 64 bits of the first address (always 0 for IPv4)
 * @param low lower 64 bits of the first address
 * @param length prefix length in bits (0..32 or 0..128)
 */
public record Cidr(boolean v4, long high, long low, int length) {

    public Cidr {
        int max = v4 ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + max);
        }
    }

    /**
     * Parses {@code a.b.c.d/n} or an IPv6 {@code x:y::/n}. A bare address is a host prefix
     * (/32, /128). Host bits set below the prefix length are cleared rather than rejected: some
     * published files carry them, and the prefix they mean is unambiguous.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("prefix is missing");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        int addrEnd = slash < 0 ? t.length() : slash;
        Integer length = null;
        if (slash >= 0) {
            String bits = t.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            length = Integer.parseInt(bits);
        }
        long v4 = IpText.parseV4(t, 0, addrEnd);
        if (v4 != IpText.INVALID) {
            int len = length == null ? 32 : length;
            if (len > 32) {
                throw new IllegalArgumentException("'" + text + "': IPv4 prefix length " + len + " exceeds 32");
            }
            return new Cidr(true, 0, v4 & maskV4(len), len);
        }
        long[] v6 = IpText.parseV6(t, 0, addrEnd, (high, low) -> new long[] {high, low});
        if (v6 != null) {
            int len = length == null ? 128 : length;
            if (len > 128) {
                throw new IllegalArgumentException("'" + text + "': IPv6 prefix length " + len + " exceeds 128");
            }
            return new Cidr(false, v6[0] & maskHigh(len), v6[1] & maskLow(len), len);
        }
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 prefix");
    }

    /** High 64 bits of the last address in the prefix. */
    public long lastHigh() {
        return v4 ? 0 : high | ~maskHigh(length);
    }

    /** Low 64 bits of the last address in the prefix. */
    public long lastLow() {
        return v4 ? low | (~maskV4(length) & 0xFFFF_FFFFL) : low | ~maskLow(length);
    }

    /** True when {@code other} (same family) lies inside this prefix. */
    public boolean contains(Cidr other) {
        if (other.v4 != v4 || other.length < length) {
            return false;
        }
        return v4 ? (other.low & maskV4(length)) == low
                : (other.high & maskHigh(length)) == high && (other.low & maskLow(length)) == low;
    }

    static long maskV4(int length) {
        return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
    }

    static long maskHigh(int length) {
        if (length >= 64) {
            return -1L;
        }
        return length == 0 ? 0 : -1L << (64 - length);
    }

    static long maskLow(int length) {
        if (length <= 64) {
            return 0;
        }
        return length == 128 ? -1L : -1L << (128 - length);
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run compressed). */
    @Override
    public String toString() {
        return (v4 ? formatV4(low) : formatV6(high, low)) + "/" + length;
    }

    static String formatV4(long address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    static String formatV6(long high, long low) {
        int[] groups = new int[8];
        for (int g = 0; g < 4; g++) {
            groups[g] = (int) (high >>> (48 - 16 * g)) & 0xFFFF;
            groups[g + 4] = (int) (low >>> (48 - 16 * g)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952: never compress a single zero group
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && groups[g] == 0) {
                g++;
            }
            if (g - start > bestLen) {
                bestStart = start;
                bestLen = g - start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[g]).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
