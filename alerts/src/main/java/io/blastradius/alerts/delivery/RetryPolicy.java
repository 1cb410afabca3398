package io.blastradius.alerts.delivery;

import io.blastradius.alerts.config.DestinationConfig.RetrySettings;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, bounded by attempts and by a time budget (for a resolve, by its
 * own, longer time budget alone: see {@code retry.resolve.budget.ms}). The delay before
 * attempt {@code n+1} is a random point in the upper half of {@code min(max, initial * 2^(n-1))}
 * (so retries from many subscribers spread out but never come sooner than half the nominal
 * backoff); a destination's {@code Retry-After} replaces it when longer.
 */
public final class RetryPolicy {
    private final RetrySettings settings;
    private final DoubleSupplier random;

    public RetryPolicy(RetrySettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
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
        long nominal = settings.initialBackoff().toMillis();
        for (int i = 1; i < attemptsMade && nominal < settings.maxBackoff().toMillis(); i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, settings.maxBackoff().toMillis());
        long delay = nominal / 2 + (long) (random.getAsDouble() * (nominal - nominal / 2));
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            delay = retryAfter.toMillis();
        }
        long budget = settings.budget().toMillis();
        if (resolve) {
            budget = Math.max(budget, settings.resolveBudget().toMillis());
        }
        if (elapsed.toMillis() + delay > budget) {
            return null;
        }
        return Duration.ofMillis(delay);
    }
}
