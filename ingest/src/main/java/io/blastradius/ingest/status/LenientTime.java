package io.blastradius.ingest.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the timestamps status feeds actually publish, all to UTC:
 * <ul>
 *   <li>ISO-8601 / RFC 3339 with an offset, {@code Z} or none (read as UTC), with or without
 *       fractions, {@code T} or a space between date and time ({@code 2019-06-24T05:25:57.666-07:00},
 *       {@code 2023-03-10T14:09:43+00:00}, {@code 2026-06-01 00:00:00.000});</li>
 *   <li>RFC 822/1123 dates with US zone names, a bare {@code Z}, {@code GMT}/{@code UT}/{@code UTC} or
 *       a numeric offset, day name optional ({@code Fri, 23 Aug 2019 04:18:35 PDT},
 *       {@code Thu, 06 Aug 2026 01:09:00 Z}), which {@link DateTimeFormatter#RFC_1123_DATE_TIME}
 *       rejects;</li>
 *   <li>epoch numbers as JSON numbers or strings, integer or fractional, in seconds, milliseconds,
 *       microseconds or nanoseconds, told apart by magnitude (seconds below 10^11, i.e. before the
 *       year 5138; milliseconds below 10^14; microseconds below 10^17).</li>
 * </ul>
 * Zone abbreviations are mapped to the fixed offset they name ({@code PDT} is always -07:00): the
 * abbreviation already says whether daylight saving applied.
 */
public final class LenientTime {
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,19}(\\.\\d+)?");
    private static final Pattern RFC822 = Pattern.compile(
            "(?:[A-Za-z]{3,9},?\\s+)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{2,4})\\s+"
                    + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?\\s*(.*)");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");
    private static final Map<String, Integer> ZONE_MINUTES = Map.ofEntries(
            Map.entry("Z", 0), Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0),
            Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CST", -360), Map.entry("CDT", -300),
            Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480), Map.entry("PDT", -420),
            Map.entry("AKST", -540), Map.entry("AKDT", -480), Map.entry("HST", -600),
            Map.entry("WET", 0), Map.entry("WEST", 60), Map.entry("BST", 60), Map.entry("CET", 60),
            Map.entry("CEST", 120), Map.entry("EET", 120), Map.entry("EEST", 180), Map.entry("MSK", 180),
            Map.entry("JST", 540), Map.entry("KST", 540), Map.entry("AEST", 600), Map.entry("AEDT", 660),
            Map.entry("NZST", 720), Map.entry("NZDT", 780));
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private LenientTime() {
    }

    /** Parses {@code raw}; throws {@link DateTimeException} naming the text when no form fits. */
    public static FeedTime parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new DateTimeException("empty timestamp");
        }
        String text = raw.trim();
        Instant instant;
        if (EPOCH.matcher(text).matches()) {
            instant = fromEpoch(new BigDecimal(text));
        } else if (text.length() >= 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-') {
            instant = iso(text);
        } else {
            instant = rfc822(text);
        }
        return new FeedTime(instant, raw);
    }

    /** Like {@link #parse(String)}, empty instead of an exception. */
    public static Optional<FeedTime> tryParse(String raw) {
        try {
            return Optional.of(parse(raw));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a JSON value that may be a number (epoch) or a string (any form above). Missing, null
     * and empty values give an empty result; a value that is present but unreadable throws.
     */
    public static Optional<FeedTime> parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(new FeedTime(fromEpoch(node.decimalValue()), node.asText()));
        }
        if (node.isTextual()) {
            return node.asText().isBlank() ? Optional.empty() : Optional.of(parse(node.asText()));
        }
        throw new DateTimeException("timestamp is a " + node.getNodeType() + ": " + node);
    }

    static Instant fromEpoch(BigDecimal value) {
        BigDecimal abs = value.abs();
        BigDecimal seconds;
        if (abs.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
            seconds = value;
        } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
            seconds = value.movePointLeft(3);
        } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000_000L)) < 0) {
            seconds = value.movePointLeft(6);
        } else {
            seconds = value.movePointLeft(9);
        }
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
                .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * The common shapes ({@code 2026-03-14T09:00:02.123-07:00}, {@code ...Z}, {@code ...+0000}, no zone)
     * read by hand: several times faster than a {@link DateTimeFormatter} with optional sections, and
     * feeds put three timestamps on every update. Returns null for anything else.
     */
    static Instant fastIso(String t) {
        int n = t.length();
        if (n < 16 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
                || t.charAt(13) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int i = 16;
        int second = 0;
        int nanos = 0;
        if (i < n && t.charAt(i) == ':') {
            second = digits(t, i + 1, 2);
            i += 3;
            if (i < n && (t.charAt(i) == '.' || t.charAt(i) == ',')) {
                int start = ++i;
                while (i < n && Character.isDigit(t.charAt(i))) {
                    i++;
                }
                int len = i - start;
                if (len == 0 || len > 9) {
                    return null;
                }
                nanos = digits(t, start, len);
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = 0;
        } else if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (t.charAt(i) == '+' || t.charAt(i) == '-') {
            int sign = t.charAt(i) == '-' ? -1 : 1;
            int oh = digits(t, i + 1, 2);
            int om;
            if (n - i == 6 && t.charAt(i + 3) == ':') {
                om = digits(t, i + 4, 2);
            } else if (n - i == 5) {
                om = digits(t, i + 3, 2);
            } else if (n - i == 3) {
                om = 0;
            } else {
                return null;
            }
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = sign * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null; // 2026-13-45: let the full parser produce the error
        }
    }

    /** The decimal number in t[from, from+len), or -1 if any of it is not a digit (or out of range). */
    private static int digits(String t, int from, int len) {
        if (from + len > t.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant iso(String text) {
        Instant fast = fastIso(text);
        if (fast != null) {
            return fast;
        }
        try {
            TemporalAccessor t = ISO.parse(text);
            LocalDateTime local = LocalDateTime.from(t);
            ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return local.toInstant(offset);
        } catch (DateTimeParseException e) {
            // A zone name after an ISO local time ("2026-03-14 09:00:00 PDT") is rare but seen.
            int space = text.lastIndexOf(' ');
            if (space > 0) {
                Integer minutes = ZONE_MINUTES.get(text.substring(space + 1).toUpperCase(Locale.ROOT));
                if (minutes != null) {
                    LocalDateTime local = LocalDateTime.from(ISO.parse(text.substring(0, space)));
                    return local.toInstant(ZoneOffset.ofTotalSeconds(minutes * 60));
                }
            }
            throw new DateTimeException("unreadable timestamp '" + text + "'", e);
        }
    }

    private static Instant rfc822(String text) {
        Matcher m = RFC822.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException("unreadable timestamp '" + text + "'");
        }
        int day = Integer.parseInt(m.group(1));
        Month month = month(m.group(2), text);
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
        ZoneOffset offset = zone(m.group(8).trim(), text);
        return OffsetDateTime.of(year, month.getValue(), day, hour, minute, second, nanos, offset).toInstant();
    }

    private static Month month(String abbrev, String text) {
        for (Month month : Month.values()) {
            if (month.name().substring(0, 3).equalsIgnoreCase(abbrev)) {
                return month;
            }
        }
        throw new DateTimeException("unknown month '" + abbrev + "' in '" + text + "'");
    }

    private static ZoneOffset zone(String zone, String text) {
        if (zone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        // "GMT+2", "UTC-07:00": a name followed by an offset
        String z = zone.replaceFirst("^(?i)(GMT|UTC|UT)(?=[+-])", "");
        Matcher numeric = NUMERIC_OFFSET.matcher(z);
        if (numeric.matches()) {
            int minutes = Integer.parseInt(numeric.group(2)) * 60 + Integer.parseInt(numeric.group(3));
            return ZoneOffset.ofTotalSeconds(("-".equals(numeric.group(1)) ? -minutes : minutes) * 60);
        }
        // "+0000 (UTC)", "-0700 (PDT)": the comment repeats the offset
        String first = z.split("\\s+")[0];
        Matcher firstNumeric = NUMERIC_OFFSET.matcher(first);
        if (firstNumeric.matches()) {
            return zone(first, text);
        }
        Integer minutes = ZONE_MINUTES.get(first.toUpperCase(Locale.ROOT));
        if (minutes == null) {
            throw new DateTimeException("unknown time zone '" + zone + "' in '" + text + "'");
        }
        return ZoneOffset.ofTotalSeconds(minutes * 60);
    }
}
