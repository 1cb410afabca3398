package io.blastradius.http.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-03-13T18:25:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("120", NOW, HOUR)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("0", NOW, HOUR)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(" 7 ", NOW, HOUR)).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsAnHttpDateInTheFutureAsTheTimeUntilIt() {
        assertThat(RetryAfter.parse("Fri, 13 Mar 2026 18:26:30 GMT", NOW, HOUR)).contains(Duration.ofSeconds(90));
    }

    @Test
    void readsAnHttpDateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Fri, 13 Mar 2026 18:00:00 GMT", NOW, HOUR)).contains(Duration.ZERO);
    }

    @Test
    void boundsBothFormsByTheLongestWaitTheCallerAccepts() {
        assertThat(RetryAfter.parse("86400", NOW, HOUR)).contains(HOUR);
        assertThat(RetryAfter.parse("Sat, 14 Mar 2026 18:25:00 GMT", NOW, HOUR)).contains(HOUR);
        assertThat(RetryAfter.parse("3600", NOW, HOUR)).as("exactly the bound").contains(HOUR);
    }

    @Test
    void readsMoreSecondsThanALongHoldsAsTheBoundRatherThanOverflowing() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW, HOUR)).contains(HOUR);
        assertThat(RetryAfter.parse(Long.toString(Long.MAX_VALUE), NOW, HOUR)).contains(HOUR);
    }

    @Test
    void ignoresAbsentAndUnreadableHeaders() {
        assertThat(RetryAfter.parse(null, NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.parse("  ", NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW, HOUR)).as("delta-seconds has no sign").isEmpty();
        assertThat(RetryAfter.parse("+5", NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW, HOUR)).isEmpty();
        assertThat(RetryAfter.parse("2026-03-13T18:26:30Z", NOW, HOUR)).as("ISO, not an HTTP date").isEmpty();
        assertThat(RetryAfter.parse("Fri, 32 Mar 2026 18:26:30 GMT", NOW, HOUR)).isEmpty();
    }

    @Test
    void rejectsANegativeBound() {
        assertThatThrownBy(() -> RetryAfter.parse("5", NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    }
}
