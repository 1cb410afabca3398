package io.blastradius.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
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
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-03-13T18:25:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Fri, 13 Mar 2026 18:26:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Fri, 13 Mar 2026 18:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
