package io.blastradius.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.alerts.config.DestinationConfig.RetrySettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetrySettings SETTINGS = new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(1), Duration.ofHours(2));

    @Test
    void doublesTheBackoffUpToItsBoundWithJitterInTheUpperHalf() {
        RetryPolicy low = new RetryPolicy(SETTINGS, () -> 0.0);
        RetryPolicy high = new RetryPolicy(SETTINGS, () -> 0.999);
        long[] nominal = {1_000, 2_000, 4_000, 8_000, 8_000};
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(low.nextDelay(attempt, Duration.ZERO, null, false).toMillis()).isEqualTo(nominal[attempt - 1] / 2);
            assertThat(high.nextDelay(attempt, Duration.ZERO, null, false).toMillis())
                    .isBetween(nominal[attempt - 1] - 10, nominal[attempt - 1]);
        }
    }

    @Test
    void givesUpWhenTheAttemptsOrTheBudgetRunOut() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0.5);
        assertThat(policy.nextDelay(6, Duration.ZERO, null, false)).isNull();
        assertThat(policy.nextDelay(2, Duration.ofSeconds(59), null, false)).isNull();
    }

    @Test
    void triesAResolveForItsOwnBudgetWhateverTheAttempts() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0.5);
        assertThat(policy.nextDelay(6, Duration.ZERO, null, true)).isNotNull();
        assertThat(policy.nextDelay(500, Duration.ofMinutes(90), null, true)).isBetween(Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(policy.nextDelay(500, Duration.ofMinutes(90), Duration.ofMinutes(40), true)).isNull();
        assertThat(policy.nextDelay(501, Duration.ofMinutes(119).plusSeconds(58), null, true)).isNull();
    }

    @Test
    void waitsForRetryAfterWhenItIsLongerThanTheBackoff() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0.5);
        assertThat(policy.nextDelay(1, Duration.ZERO, Duration.ofSeconds(30), false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(4, Duration.ZERO, Duration.ofMillis(10), false).toMillis()).isGreaterThanOrEqualTo(4_000);
        assertThat(policy.nextDelay(1, Duration.ofSeconds(40), Duration.ofSeconds(30), false)).isNull();
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-10-20T07:00:00Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Mon, 20 Oct 2025 07:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 20 Oct 2025 06:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse("-5", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }
}
