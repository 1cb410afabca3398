package io.blastradius.evaluation.score;

import java.util.Locale;
import java.util.OptionalDouble;

/** A fraction kept as its counts, so totals can be pooled and an empty denominator reads as n/a rather than 0. */
public record Ratio(long numerator, long denominator) {
    public Ratio {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("not a ratio: " + numerator + "/" + denominator);
        }
    }

    public static Ratio of(long numerator, long denominator) {
        return new Ratio(numerator, denominator);
    }

    public boolean defined() {
        return denominator > 0;
    }

    public OptionalDouble value() {
        return defined() ? OptionalDouble.of((double) numerator / denominator) : OptionalDouble.empty();
    }

    public Ratio plus(Ratio other) {
        return new Ratio(numerator + other.numerator, denominator + other.denominator);
    }

    /** Two decimals, or {@code n/a}. */
    public String format() {
        return defined() ? String.format(Locale.ROOT, "%.2f", (double) numerator / denominator) : "n/a";
    }

    @Override
    public String toString() {
        return format() + " (" + numerator + "/" + denominator + ")";
    }
}
