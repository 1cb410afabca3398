package io.blastradius.http.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header: delta-seconds or an HTTP date (RFC 9110 §10.2.3), bounded by
 * what the caller is willing to wait. The bound is part of every read: a misconfigured server that
 * asks for a year (or for more seconds than a {@code long} holds) gets the bound, never an overflow
 * in the caller's arithmetic.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The delay the header asks for, measured from {@code now}, at most {@code max}; zero for a date in
     * the past; empty when the header is absent or is neither delta-seconds nor an HTTP date (a
     * negative or signed number, say).
     */
    public static Optional<Duration> parse(String value, Instant now, Duration max) {
        Objects.requireNonNull(now, "now");
        if (max == null || max.isNegative()) {
            throw new IllegalArgumentException("max must be zero or more: " + max);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(atMost(seconds(v), max));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : atMost(d, max));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(String digits) {
        try {
            return Duration.ofSeconds(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            // all digits but more than a long holds: still a valid, very long delay (RFC 9111 §1.2.2
            // says to read such a value as the largest one representable), which the bound then caps
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
    }

    private static Duration atMost(Duration d, Duration max) {
        return d.compareTo(max) > 0 ? max : d;
    }
}
