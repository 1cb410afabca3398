package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.alerts.config.DestinationConfig.RetrySettings;
import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetrySettings SETTINGS = new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(1), Duration.ofHours(2));
    /** Every bounded draw is 0: the jitter's lowest point, half the nominal backoff. */
    private static final RandomGenerator LOWEST = () -> 0L;

    @Test
    void doublesTheBackoffUpToItsBoundWithJitterInTheUpperHalf() {
        RetryPolicy low = new RetryPolicy(SETTINGS, LOWEST);
        long[] nominal = {1_000, 2_000, 4_000, 8_000, 8_000};
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(low.nextDelay(attempt, Duration.ZERO, null, false).toMillis()).isEqualTo(nominal[attempt - 1] / 2);
            for (int seed = 0; seed < 50; seed++) {
                assertThat(new RetryPolicy(SETTINGS, new Random(seed)).nextDelay(attempt, Duration.ZERO, null, false)
                        .toMillis()).as("attempt %d, seed %d", attempt, seed)
                        .isBetween(nominal[attempt - 1] / 2, nominal[attempt - 1]);
            }
        }
    }

    @Test
    void givesUpWhenTheAttemptsOrTheBudgetRunOut() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, new Random(1));
        assertThat(policy.nextDelay(6, Duration.ZERO, null, false)).isNull();
        assertThat(policy.nextDelay(2, Duration.ofMillis(59_500), null, false)).isNull();
    }

    @Test
    void triesAResolveForItsOwnBudgetWhateverTheAttempts() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, new Random(1));
        assertThat(policy.nextDelay(6, Duration.ZERO, null, true)).isNotNull();
        assertThat(policy.nextDelay(500, Duration.ofMinutes(90), null, true)).isBetween(Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(policy.nextDelay(500, Duration.ofMinutes(90), Duration.ofMinutes(40), true)).isNull();
        assertThat(policy.nextDelay(501, Duration.ofMinutes(119).plusSeconds(58), null, true)).isNull();
    }

    @Test
    void waitsForRetryAfterWhenItIsLongerThanTheBackoff() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, new Random(1));
        assertThat(policy.nextDelay(1, Duration.ZERO, Duration.ofSeconds(30), false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(4, Duration.ZERO, Duration.ofMillis(10), false).toMillis()).isGreaterThanOrEqualTo(4_000);
        assertThat(policy.nextDelay(1, Duration.ofSeconds(40), Duration.ofSeconds(30), false)).isNull();
    }
}
