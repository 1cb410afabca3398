package io.blastradius.ingest.simulate;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/** A number or a range of numbers, written {@code 0.5} or {@code [0.4, 0.9]}; the simulator draws from it. */
public record Share(double min, double max) {

    public Share {
        if (Double.isNaN(min) || Double.isNaN(max) || max < min) {
            throw new IllegalArgumentException("a range needs min <= max, got [" + min + ", " + max + "]");
        }
    }

    public static Share of(double exactly) {
        return new Share(exactly, exactly);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Share read(Object value) {
        if (value instanceof List<?> list) {
            if (list.size() != 2) {
                throw new IllegalArgumentException("a range is one number or [min, max]");
            }
            return new Share(number(list.get(0)), number(list.get(1)));
        }
        return of(number(value));
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + o + "' is not a number", e);
        }
    }

    public double draw(Rng rng) {
        return min == max ? min : min + rng.nextDouble() * (max - min);
    }

    /** True when the range lies within [lo, hi]. */
    public boolean within(double lo, double hi) {
        return min >= lo && max <= hi;
    }
}
