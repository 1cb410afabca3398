package io.blastradius.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TailsTest {

    @Test
    void poissonUpperTailMatchesClosedForms() {
        // P(X >= 1) = 1 - e^-lambda
        assertThat(Tails.poissonUpper(1, 0.5)).isCloseTo(1 - Math.exp(-0.5), within(1e-12));
        // P(X >= 3 | 2) = 1 - e^-2 (1 + 2 + 2)
        assertThat(Tails.poissonUpper(3, 2.0)).isCloseTo(1 - Math.exp(-2) * 5, within(1e-12));
        assertThat(Tails.poissonUpper(0, 2.0)).isEqualTo(1.0);
    }

    @Test
    void binomialUpperTailMatchesClosedForms() {
        // P(X >= 2 | n=3, p=0.5) = 4/8
        assertThat(Tails.binomialUpper(2, 3, 0.5)).isCloseTo(0.5, within(1e-12));
        // P(X = n) = p^n
        assertThat(Tails.binomialUpper(10, 10, 0.1)).isCloseTo(1e-10, within(1e-20));
        assertThat(Tails.binomialUpper(11, 10, 0.1)).isLessThan(1e-200);
    }

    @Test
    void veryUnlikelyCoincidencesStayFinite() {
        double p = Tails.binomialUpper(200, 400, 0.001);
        assertThat(p).isPositive();
        assertThat(Tails.surprise(p)).isGreaterThan(250).isLessThanOrEqualTo(300);
        assertThat(Tails.poissonUpper(5000, 1.0)).isPositive();
    }

    @Test
    void surpriseIsMinusLogTen() {
        assertThat(Tails.surprise(0.001)).isCloseTo(3.0, within(1e-9));
        assertThat(Tails.surprise(1.0)).isZero();
    }
}
