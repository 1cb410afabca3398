package io.blastradius.ingest.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix in CIDR form ({@code 3.80.0.0/12}, {@code 2600:1f18::/33}), parsed without any
 * name lookup. The world file declares providers' address ranges with it, and the simulator picks
 * plausible addresses from them.
 */
public final class Cidr {
    private final byte[] network;
    private final int length;
    private final String text;

    private Cidr(byte[] network, int length) {
        this.network = network;
        this.length = length;
        this.text = format(network) + "/" + length;
    }

    /** Parses {@code address/length}; throws {@link IllegalArgumentException} with the reason otherwise. */
    public static Cidr parse(String value) {
        Objects.requireNonNull(value, "prefix");
        String v = value.trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("prefix '" + value + "' has no '/length'");
        }
        byte[] address = parseAddress(v.substring(0, slash), value);
        int length;
        try {
            length = Integer.parseInt(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix '" + value + "' has a bad length", e);
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix '" + value + "' length must be 0.." + address.length * 8);
        }
        return new Cidr(mask(address, length), length);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public int length() {
        return length;
    }

    /** True when {@code address} (a literal, no lookup) lies in this prefix. */
    public boolean contains(String address) {
        byte[] a = parseAddress(address, address);
        return a.length == network.length && Arrays.equals(mask(a, length), network);
    }

    /**
     * The address at {@code index} within the prefix, wrapping around its size; host bits beyond
     * the lowest 62 stay zero, which is plenty for picking plausible addresses.
     */
    public String address(long index) {
        byte[] a = network.clone();
        int hostBits = Math.min(a.length * 8 - length, 62);
        if (hostBits == 0) {
            return format(a);
        }
        long offset = Math.floorMod(index, 1L << hostBits);
        for (int i = a.length - 1; i >= 0 && offset != 0; i--) {
            a[i] = (byte) (a[i] | (offset & 0xff));
            offset >>>= 8;
        }
        return format(a);
    }

    private static byte[] mask(byte[] address, int length) {
        byte[] m = address.clone();
        for (int bit = length; bit < m.length * 8; bit++) {
            m[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return m;
    }

    private static byte[] parseAddress(String text, String whole) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.indexOf(':') >= 0) {
            return parseIpv6(t, whole);
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + whole + "' is not an IPv4 or IPv6 address");
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) octet(parts[i], whole);
        }
        return a;
    }

    private static int octet(String part, String whole) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "' has a bad IPv4 octet '" + part + "'");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new IllegalArgumentException("'" + whole + "' has an IPv4 octet above 255");
        }
        return value;
    }

    private static byte[] parseIpv6(String t, String whole) {
        int gap = t.indexOf("::");
        if (gap != t.lastIndexOf("::")) {
            throw new IllegalArgumentException("'" + whole + "' has more than one '::'");
        }
        String[] head = gap < 0 ? t.split(":", -1) : split(t.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : split(t.substring(gap + 2));
        int groups = head.length + tail.length;
        if (gap < 0 ? groups != 8 : groups > 7) {
            throw new IllegalArgumentException("'" + whole + "' is not a valid IPv6 address");
        }
        byte[] a = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(a, i, head[i], whole);
        }
        for (int i = 0; i < tail.length; i++) {
            put(a, 8 - tail.length + i, tail[i], whole);
        }
        return a;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split(":", -1);
    }

    private static void put(byte[] a, int group, String hex, String whole) {
        if (hex.isEmpty() || hex.length() > 4 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + whole + "' has a bad IPv6 group '" + hex + "'");
        }
        int value = Integer.parseInt(hex, 16);
        a[group * 2] = (byte) (value >>> 8);
        a[group * 2 + 1] = (byte) value;
    }

    private static String format(byte[] a) {
        StringBuilder sb = new StringBuilder(a.length == 4 ? 15 : 39);
        if (a.length == 4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i == 0 ? "" : ".").append(a[i] & 0xff);
            }
            return sb.toString();
        }
        // Compress the longest run of zero groups, as RFC 5952 asks.
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
