package io.blastradius.http.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15), new Random(7));

    @Test
    void neverRetriesSoonerThanThePollingInterval() {
        for (int failures = 1; failures <= 40; failures++) {
            assertThat(backoff.delay(failures, Duration.ofMinutes(2))).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        }
    }

    @Test
    void doublesUpToTheCapWithJitterInTheUpperHalf() {
        Duration interval = Duration.ofSeconds(10);
        for (int failures = 1; failures <= 12; failures++) {
            long full = Math.min(30_000L << (failures - 1), 900_000L);
            long d = backoff.delay(failures, interval).toMillis();
            assertThat(d).as("failure %d", failures).isBetween(full / 2, full);
        }
        assertThat(backoff.delay(1000, interval)).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void spreadsRetriesOfPollersThatFailedTogether() {
        Set<Duration> delays = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            delays.add(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15), new Random(i))
                    .delay(4, Duration.ofSeconds(10)));
        }
        assertThat(delays).hasSizeGreaterThan(10);
    }

    @Test
    void drawsTheWholeUpperHalfAndNothingOutsideIt() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), fixed(0.0));
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), fixed(1.0));
        long[] full = {1_000, 2_000, 4_000, 8_000, 8_000};
        for (int failures = 1; failures <= full.length; failures++) {
            assertThat(lowest.delay(failures).toMillis()).as("failure %d", failures).isEqualTo(full[failures - 1] / 2);
            assertThat(highest.delay(failures).toMillis()).as("failure %d", failures).isEqualTo(full[failures - 1]);
        }
    }

    @Test
    void waitsNothingWhenTheBaseIsZero() {
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO, new Random(1)).delay(5)).isEqualTo(Duration.ZERO);
    }

    @Test
    void doesNotOverflowAfterVeryManyFailures() {
        Backoff large = new Backoff(Duration.ofDays(1), Duration.ofDays(3650), fixed(1.0));
        assertThat(large.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void rejectsNegativeBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1), new Random(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(-1), new Random(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    }

    /** A generator whose bounded draws land at {@code fraction} of the range (1.0 = its top). */
    private static RandomGenerator fixed(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded draws are expected");
            }

            @Override
            public long nextLong(long bound) {
                return Math.min(bound - 1, (long) (fraction * bound));
            }
        };
    }
}
