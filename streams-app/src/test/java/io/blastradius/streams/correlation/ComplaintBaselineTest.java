package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.blastradius.streams.correlation.ComplaintBaseline.BaselineSettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComplaintBaselineTest {
    private final BaselineSettings settings = BaselineSettings.defaults();
    private static final long MONDAY = Instant.parse("2025-10-20T00:00:00Z").toEpochMilli();

    @Test
    void startsFromThePriorAndLearnsTheUsualLevel() {
        ComplaintBaseline b = new ComplaintBaseline(0.05);
        assertThat(b.expected(MONDAY, settings)).isCloseTo(0.05, within(1e-9));
        for (int m = 0; m < 600; m++) {
            b.learn(MONDAY + m * 60_000L, 2.0, settings);
        }
        assertThat(b.expected(MONDAY + 600 * 60_000L, settings)).isCloseTo(2.0, within(0.05));
    }

    @Test
    void anIncidentMinuteTeachesOnlyAFewTimesTheUsualLevel() {
        ComplaintBaseline b = new ComplaintBaseline(0.05);
        for (int m = 0; m < 300; m++) {
            b.learn(MONDAY + m * 60_000L, 1.0, settings);
        }
        double before = b.expected(MONDAY + 300 * 60_000L, settings);
        b.learn(MONDAY + 300 * 60_000L, 500.0, settings);
        double after = b.expected(MONDAY + 301 * 60_000L, settings);
        assertThat(after - before).isLessThan(0.05);
    }

    @Test
    void theHourOfTheWeekTakesOverOnceItHasHistory() {
        ComplaintBaseline b = new ComplaintBaseline(0.05);
        long week = 7L * 24 * 60 * 60_000L;
        // two weeks: busy Monday 09:00-10:00 (5/min), quiet otherwise (0.5/min)
        for (long t = MONDAY; t < MONDAY + 2 * week; t += 60_000L) {
            boolean busy = ComplaintBaseline.slotOf(t) == 9;
            b.learn(t, busy ? 5.0 : 0.5, settings);
        }
        double nineAm = b.expected(MONDAY + 2 * week + 9 * 3_600_000L, settings);
        double threeAm = b.expected(MONDAY + 2 * week + 3 * 3_600_000L, settings);
        assertThat(nineAm).isGreaterThan(3.0);
        assertThat(threeAm).isLessThan(0.8);
    }

    @Test
    void slotsAreHoursOfTheWeekFromMondayUtc() {
        assertThat(ComplaintBaseline.slotOf(MONDAY)).isZero();
        assertThat(ComplaintBaseline.slotOf(Instant.parse("2025-10-26T23:30:00Z").toEpochMilli())).isEqualTo(167);
    }
}
