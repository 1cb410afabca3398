package io.blastradius.ingest.simulate;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;
import java.util.List;

/**
 * A range of durations, written {@code 10m} (exactly) or {@code [10m, 45m]} (uniformly between);
 * the simulator draws from it.
 */
public record Span(Duration min, Duration max) {

    public Span {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("a span needs 0 <= min <= max, got [" + Times.format(min) + ", " + Times.format(max) + "]");
        }
    }

    public static Span of(Duration exactly) {
        return new Span(exactly, exactly);
    }

    public static Span between(String min, String max) {
        return new Span(Times.duration(min), Times.duration(max));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Span read(Object value) {
        if (value instanceof List<?> list) {
            if (list.size() != 2) {
                throw new IllegalArgumentException("a span is one duration or [min, max]");
            }
            return between(String.valueOf(list.get(0)), String.valueOf(list.get(1)));
        }
        return of(Times.duration(String.valueOf(value)));
    }

    /** A duration drawn uniformly from the span. */
    public Duration draw(Rng rng) {
        long lo = min.toMillis();
        long hi = max.toMillis();
        return Duration.ofMillis(lo + (hi == lo ? 0 : (long) (rng.nextDouble() * (hi - lo))));
    }
}
