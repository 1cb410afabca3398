package io.blastradius.ingest.simulate;

/**
 * A small deterministic random generator (SplitMix64). Streams are derived from keys rather than
 * drawn in sequence, {@code Rng.of(seed, service, minute)}, so what one service sees in one minute
 * does not depend on the order anything else was generated in: the output is a function of the
 * seed alone, whatever is added or reordered around it.
 */
public final class Rng {
    private long state;

    private Rng(long state) {
        this.state = state;
    }

    /** A generator for the stream identified by {@code keys}. */
    public static Rng of(long... keys) {
        long s = 0x9E3779B97F4A7C15L;
        for (long k : keys) {
            s = mix(s ^ mix(k + 0x632BE59BD9B4E019L));
        }
        return new Rng(s);
    }

    /** A stable 64-bit key for a string (FNV-1a, then mixed). */
    public static long key(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** A Poisson draw with mean {@code lambda} (Knuth for small means, normal approximation above 30). */
    public int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Standard normal (Box-Muller). */
    public double gaussian() {
        double u = Math.max(nextDouble(), 1e-12);
        double v = nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Log-normal around {@code median} with spread {@code sigma}. */
    public double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    private static final double[] NORMAL_QUANTILES = normalQuantiles(1024);

    /**
     * A standard normal draw from a table of its quantiles: cheap enough for millions of probe
     * timings, and exact enough for jitter.
     */
    public double fastGaussian() {
        return NORMAL_QUANTILES[(int) (nextLong() >>> 54)];
    }

    /** Log-normal jitter drawn through {@link #fastGaussian()}. */
    public double fastLogNormal(double median, double sigma) {
        return median * Math.exp(sigma * fastGaussian());
    }

    private static double[] normalQuantiles(int n) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = inverseNormal((i + 0.5) / n);
        }
        return q;
    }

    /** Acklam's rational approximation of the normal quantile function. */
    private static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** Picks an index with probability proportional to {@code weights}. */
    public int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
