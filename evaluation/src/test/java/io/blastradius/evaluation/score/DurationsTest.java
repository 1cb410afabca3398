package io.blastradius.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void medianOfAnEvenSampleIsTheMeanOfTheTwoMiddleValues() {
        Durations d = new Durations(List.of(minutes(4), minutes(1), minutes(3), minutes(2)));

        assertThat(d.median()).contains(Duration.ofSeconds(150));
    }

    @Test
    void p95IsTheNearestRankValue() {
        Durations d = new Durations(IntStream.rangeClosed(1, 20).mapToObj(DurationsTest::minutes).toList());

        assertThat(d.p95()).contains(minutes(19));
        assertThat(new Durations(List.of(minutes(7))).p95()).contains(minutes(7));
    }

    @Test
    void emptySampleHasNoSummary() {
        assertThat(Durations.NONE.median()).isEmpty();
        assertThat(Durations.format(Durations.NONE.p95())).isEqualTo("n/a");
    }

    @Test
    void formatsCompactlyWithSign() {
        assertThat(Durations.format(Duration.ofSeconds(250))).isEqualTo("4m10s");
        assertThat(Durations.format(Duration.ofMinutes(-65))).isEqualTo("-1h05m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    private static Duration minutes(int n) {
        return Duration.ofMinutes(n);
    }
}
