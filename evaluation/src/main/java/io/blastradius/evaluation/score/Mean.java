package io.blastradius.evaluation.score;

import java.util.Locale;
import java.util.OptionalDouble;

/** An average kept as sum and count, so means can be pooled; n/a when nothing was averaged. */
public record Mean(double sum, long count) {
    public static final Mean NONE = new Mean(0, 0);

    public static Mean of(double value) {
        return new Mean(value, 1);
    }

    public Mean plus(Mean other) {
        return new Mean(sum + other.sum, count + other.count);
    }

    /** Adds one value. */
    public Mean plus(double value) {
        return new Mean(sum + value, count + 1);
    }

    public OptionalDouble value() {
        return count > 0 ? OptionalDouble.of(sum / count) : OptionalDouble.empty();
    }

    public String format() {
        return count > 0 ? String.format(Locale.ROOT, "%.2f", sum / count) : "n/a";
    }
}
