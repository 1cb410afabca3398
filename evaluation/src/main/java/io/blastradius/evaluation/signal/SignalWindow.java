package io.blastradius.evaluation.signal;

import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to collect for one timeline: an event-time window cut into buckets, and what makes a signal
 * relevant to it (the provider scope in question and the services involved).
 */
public record SignalWindow(Instant from, Instant until, Duration bucket, ScopeId scope, Set<String> services) {
    private static final List<Duration> NICE_BUCKETS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));
    private static final int TARGET_BUCKETS = 150;

    public SignalWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(scope, "scope");
        services = Set.copyOf(services);
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("empty window " + from + " .. " + until);
        }
    }

    /** A window with a round bucket size giving about 150 buckets. */
    public static SignalWindow of(Instant from, Instant until, ScopeId scope, Set<String> services) {
        Duration span = Duration.between(from, until);
        Duration bucket = NICE_BUCKETS.stream()
                .filter(b -> span.dividedBy(b) <= TARGET_BUCKETS)
                .findFirst()
                .orElse(span.dividedBy(TARGET_BUCKETS));
        // align to the bucket so ticks and buckets fall on round times
        long size = bucket.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), size) * size);
        Instant end = Instant.ofEpochMilli(Math.floorDiv(until.toEpochMilli() + size - 1, size) * size);
        return new SignalWindow(start, end, bucket, scope, services);
    }

    public int buckets() {
        return (int) ((Duration.between(from, until).toMillis() + bucket.toMillis() - 1) / bucket.toMillis());
    }

    /** Index of the bucket holding {@code millis}, or -1 outside the window. */
    public int bucketOf(long millis) {
        if (millis < from.toEpochMilli() || millis >= until.toEpochMilli()) {
            return -1;
        }
        return (int) ((millis - from.toEpochMilli()) / bucket.toMillis());
    }

    public Instant bucketStart(int index) {
        return from.plus(bucket.multipliedBy(index));
    }
}
