package io.blastradius.ingest.probe.ranges;

/**
 * Allocation-free parsing of textual IPv4 and IPv6 addresses into primitives.
 *
 * <p>{@link java.net.InetAddress#getByName} would do a DNS lookup for anything that is not a
 * literal, and allocates; the range table's hot path needs neither. IPv4 parses to a long in
 * {@code [0, 2^32)} (or {@link #INVALID}); IPv6 parses to its high and low 64 bits through two
 * calls that share one scan each, so no holder object is needed.
 */
final class IpText {
    static final long INVALID = -1L;

    private IpText() {
    }

    /** Parses dotted-quad {@code text[from, to)}; {@link #INVALID} when it is not exactly four decimal octets. */
    static long parseV4(CharSequence text, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int octet = 0;
            while (i < to) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                i++;
                if (i - start > 3) {
                    return INVALID;
                }
            }
            if (i == start || octet > 255) {
                return INVALID;
            }
            value = (value << 8) | octet;
            octets++;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != '.' || octets == 4) {
                return INVALID;
            }
            i++;
            if (i == to) {
                return INVALID;
            }
        }
        return octets == 4 ? value : INVALID;
    }

    static long parseV4(CharSequence text) {
        return parseV4(text, 0, text.length());
    }

    /** Receives the two halves of a parsed IPv6 address. */
    interface V6Sink<R> {
        R accept(long high, long low);
    }

    /**
     * One pass over an IPv6 literal {@code text[from, to)} (RFC 4291 section 2.2: hex groups, one
     * {@code ::}, an optional dotted-quad tail), handing the 128 bits to {@code sink}; null when the
     * text is not an IPv6 address. Groups before {@code ::} fill from the top, groups after it from
     * the bottom, packed into longs as they come, so nothing is allocated.
     */
    static <R> R parseV6(CharSequence text, int from, int to, V6Sink<R> sink) {
        if (to - from < 2) {
            return null;
        }
        long head = 0; // groups before '::', packed left-aligned as they come
        int headCount = 0;
        long tailHi = 0; // groups after '::' kept as a 128-bit shift register (tailHi:tailLo)
        long tailLo = 0;
        int tailCount = 0;
        boolean compressed = false;
        long headLo = 0; // head groups beyond the 4th
        int i = from;
        if (text.charAt(i) == ':') {
            if (text.charAt(i + 1) != ':') {
                return null;
            }
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int group = 0;
            while (i < to) {
                int d = hexDigit(text.charAt(i));
                if (d < 0) {
                    break;
                }
                group = (group << 4) | d;
                i++;
                if (i - start > 4) {
                    return null;
                }
            }
            if (i < to && text.charAt(i) == '.') {
                // dotted-quad tail: the last 32 bits
                long v4 = parseV4(text, start, to);
                if (v4 == INVALID) {
                    return null;
                }
                if (compressed && headCount + tailCount + 2 > 7) {
                    return null;
                }
                if (compressed) {
                    tailHi = (tailHi << 32) | (tailLo >>> 32);
                    tailLo = (tailLo << 32) | v4;
                    tailCount += 2;
                } else {
                    // without '::' a dotted tail can only be groups 7 and 8, which live in the low half
                    if (headCount != 6) {
                        return null;
                    }
                    headLo = headLo | v4;
                    headCount += 2;
                }
                i = to;
                break;
            }
            if (i == start) {
                return null;
            }
            if (compressed) {
                tailHi = (tailHi << 16) | (tailLo >>> 48);
                tailLo = (tailLo << 16) | group;
                tailCount++;
            } else {
                if (headCount < 4) {
                    head = head | ((long) group << (48 - 16 * headCount));
                } else {
                    headLo = headLo | ((long) group << (48 - 16 * (headCount - 4)));
                }
                headCount++;
            }
            if (headCount + tailCount > 8) {
                return null;
            }
            if (i == to) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (compressed) {
                    return null;
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return null; // trailing single ':'
            }
        }
        int total = headCount + tailCount;
        if (compressed ? total > 7 : total != 8) {
            return null;
        }
        return sink.accept(head | tailHi, headLo | tailLo);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
