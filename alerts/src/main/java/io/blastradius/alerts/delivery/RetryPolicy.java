package io.blastradius.alerts.delivery;

import io.blastradius.alerts.config.DestinationConfig.RetrySettings;
import io.blastradius.http.retry.Backoff;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter ({@link Backoff}, the one the connectors use), bounded by attempts
 * and by a time budget (for a resolve, by its own, longer time budget alone: see
 * {@code retry.resolve.budget.ms}). The delay before attempt {@code n+1} is a random point in the
 * upper half of {@code min(max, initial * 2^(n-1))} (so retries from many subscribers spread out but
 * never come sooner than half the nominal backoff); a destination's {@code Retry-After} replaces it
 * when longer.
 */
public final class RetryPolicy {
    private final RetrySettings settings;
    private final Backoff backoff;

    /** @param random the jitter's source; workers retry from several threads, so it must be thread-safe */
    public RetryPolicy(RetrySettings settings, RandomGenerator random) {
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), random);
    }

    /**
     * The wait before the next attempt, or null to give up (dead-letter).
     *
     * @param attemptsMade attempts made so far (at least 1)
     * @param elapsed time since the first attempt began
     * @param retryAfter the destination's Retry-After, or null
     * @param resolve whether the alert is a RESOLVED one
     */
    public Duration nextDelay(int attemptsMade, Duration elapsed, Duration retryAfter, boolean resolve) {
        if (!resolve && attemptsMade >= settings.maxAttempts()) {
            return null;
        }
        Duration delay = backoff.delay(attemptsMade);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        long budget = settings.budget().toMillis();
        if (resolve) {
            budget = Math.max(budget, settings.resolveBudget().toMillis());
        }
        if (elapsed.toMillis() + delay.toMillis() > budget) {
            return null;
        }
        return delay;
    }
}
