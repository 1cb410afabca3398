package io.blastradius.http.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and
 * all of {@code base * 2^(n-1)}, capped. The random half keeps many clients that failed together
 * (a provider's CDN hiccup, a webhook receiver's outage) from retrying in lockstep; the fixed half
 * keeps the wait meaningful. Thread-safe when its random generator is.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    /**
     * @param min    the base: the first failure waits between half of it and all of it
     * @param max    the cap on {@code base * 2^(n-1)} (a base larger than the cap is not cut)
     * @param random where the jitter comes from (tests pass a fixed one)
     */
    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = notNegative(min, "min");
        this.max = notNegative(max, "max");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Delay before the next attempt after {@code failures} consecutive failures (1 = the first). */
    public Duration delay(int failures) {
        return delay(failures, Duration.ZERO);
    }

    /**
     * Delay before the next attempt after {@code failures} consecutive failures (1 = the first),
     * never shorter than {@code interval}: a failing source is polled less often, never more.
     */
    public Duration delay(int failures, Duration interval) {
        long base = Math.max(min.toMillis(), interval.toMillis());
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long ceiling = Math.max(max.toMillis(), base);
        long full = base > (ceiling >> shift) ? ceiling : Math.min(ceiling, base << shift);
        long half = full / 2;
        long jittered = half + (full - half == 0 ? 0 : random.nextLong(full - half + 1));
        return Duration.ofMillis(Math.max(jittered, Math.min(interval.toMillis(), full)));
    }

    private static Duration notNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more: " + d);
        }
        return d;
    }
}
