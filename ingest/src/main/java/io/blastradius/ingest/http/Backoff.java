package io.blastradius.ingest.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and
 * all of {@code base * 2^(n-1)}, capped. The random half keeps many pollers that failed together
 * (a provider's CDN hiccup) from retrying in lockstep; the fixed half keeps the wait meaningful.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max;
        this.random = random;
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
}
