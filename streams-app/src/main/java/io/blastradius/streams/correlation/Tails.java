package io.blastradius.streams.correlation;

/**
 * Upper-tail probabilities of the counting distributions the detector tests against, computed in
 * log space so that very small chances (a hundred services failing together) stay finite.
 */
public final class Tails {
    private static final int FACTORIAL_TABLE = 4096;
    private static final double[] LOG_FACTORIAL = new double[FACTORIAL_TABLE];
    /** Smallest probability reported; keeps surprise finite. */
    private static final double FLOOR = 1e-300;

    static {
        for (int i = 1; i < FACTORIAL_TABLE; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private Tails() {
    }

    /** ln(n!), exact from a table for small n, Stirling's series beyond. */
    static double logFactorial(int n) {
        if (n < FACTORIAL_TABLE) {
            return LOG_FACTORIAL[n];
        }
        double x = n + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }

    /** P(X >= k) for X ~ Poisson(lambda). */
    public static double poissonUpper(int k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (lambda <= 0) {
            return FLOOR;
        }
        double logLambda = Math.log(lambda);
        if (k <= lambda) {
            // the lower part is the small one: 1 - P(X < k)
            double lower = 0;
            for (int i = 0; i < k; i++) {
                lower += Math.exp(-lambda + i * logLambda - logFactorial(i));
            }
            return clamp(1.0 - lower);
        }
        // terms decrease from k on; sum until they stop mattering
        double first = -lambda + k * logLambda - logFactorial(k);
        double sum = 0;
        for (int i = k; i < k + 10_000; i++) {
            double term = Math.exp(-lambda + i * logLambda - logFactorial(i) - first);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return clamp(Math.exp(first) * sum);
    }

    /** P(X >= k) for X ~ Binomial(n, p). */
    public static double binomialUpper(int k, int n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n) {
            return FLOOR;
        }
        if (p <= 0) {
            return FLOOR;
        }
        if (p >= 1) {
            return 1.0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        if (k <= n * p) {
            double lower = 0;
            for (int i = 0; i < k; i++) {
                lower += Math.exp(logChoose(n, i) + i * logP + (n - i) * logQ);
            }
            return clamp(1.0 - lower);
        }
        double first = logChoose(n, k) + k * logP + (n - k) * logQ;
        double sum = 0;
        for (int i = k; i <= n; i++) {
            double term = Math.exp(logChoose(n, i) + i * logP + (n - i) * logQ - first);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return clamp(Math.exp(first) * sum);
    }

    /** -log10 of a probability: 0 for a certainty, 3 for one in a thousand. */
    public static double surprise(double probability) {
        return -Math.log10(Math.max(FLOOR, Math.min(1.0, probability)));
    }

    private static double logChoose(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double clamp(double p) {
        return Math.max(FLOOR, Math.min(1.0, p));
    }
}
