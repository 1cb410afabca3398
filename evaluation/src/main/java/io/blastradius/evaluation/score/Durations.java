package io.blastradius.evaluation.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sample of durations (negative allowed: a late detection has a negative lead) and its summary.
 * The median of an even count is the mean of the two middle values; the p95 is the nearest-rank
 * value, the smallest sample at or above 95% of the sorted sample ({@code ceil(0.95 n)}-th).
 */
public record Durations(List<Duration> values) {
    public static final Durations NONE = new Durations(List.of());

    public Durations {
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(null);
        values = List.copyOf(sorted);
    }

    public int count() {
        return values.size();
    }

    public Optional<Duration> median() {
        int n = values.size();
        if (n == 0) {
            return Optional.empty();
        }
        if (n % 2 == 1) {
            return Optional.of(values.get(n / 2));
        }
        return Optional.of(values.get(n / 2 - 1).plus(values.get(n / 2)).dividedBy(2));
    }

    public Optional<Duration> percentile(double p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return Optional.of(values.get(Math.max(0, rank - 1)));
    }

    public Optional<Duration> p95() {
        return percentile(95);
    }

    public Optional<Duration> min() {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<Duration> max() {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public Durations plus(Durations other) {
        List<Duration> all = new ArrayList<>(values);
        all.addAll(other.values);
        return new Durations(all);
    }

    /** Compact human form: {@code 4m10s}, {@code -1h05m}, {@code 0s}; {@code n/a} when absent. */
    public static String format(Optional<Duration> duration) {
        return duration.map(Durations::format).orElse("n/a");
    }

    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        String sign = seconds < 0 ? "-" : "";
        seconds = Math.abs(seconds);
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return String.format("%s%dh%02dm", sign, h, m);
        }
        if (m > 0) {
            return s == 0 ? String.format("%s%dm", sign, m) : String.format("%s%dm%02ds", sign, m, s);
        }
        return sign + s + "s";
    }
}
