package io.blastradius.ingest.simulate;

import java.time.Instant;
import java.util.Locale;

/**
 * Holds signals back until their time comes: as fast as possible, in real time, or N times faster.
 * The simulated clock starts at the scenario start when the first signal is paced.
 */
public final class Pacer {
    private final double speedup;
    private final Sleeper sleeper;
    private long wallOrigin = -1;
    private long simOrigin;

    /** How to wait; tests pass a fake. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepMillis(long millis) throws InterruptedException;

        default long nowMillis() {
            return System.currentTimeMillis();
        }
    }

    private Pacer(double speedup, Sleeper sleeper) {
        this.speedup = speedup;
        this.sleeper = sleeper;
    }

    /** No waiting at all (speed {@code max}). */
    public static Pacer asFastAsPossible() {
        return new Pacer(Double.POSITIVE_INFINITY, Thread::sleep);
    }

    /** {@code speedup} simulated seconds per wall-clock second (1 = real time). */
    public static Pacer speedup(double speedup) {
        return speedup(speedup, Thread::sleep);
    }

    public static Pacer speedup(double speedup, Sleeper sleeper) {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup must be positive, got " + speedup);
        }
        return new Pacer(speedup, sleeper);
    }

    /** Parses {@code max}, {@code realtime} or a factor such as {@code 60} or {@code 60x}. */
    public static Pacer parse(String speed) {
        String s = speed.trim().toLowerCase(Locale.ROOT);
        if (s.equals("max") || s.equals("fast")) {
            return asFastAsPossible();
        }
        if (s.equals("realtime") || s.equals("real-time")) {
            return speedup(1);
        }
        try {
            return speedup(Double.parseDouble(s.endsWith("x") ? s.substring(0, s.length() - 1) : s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed '" + speed + "' is not max, realtime or a factor like 60", e);
        }
    }

    public boolean unpaced() {
        return Double.isInfinite(speedup);
    }

    /** Starts the simulated clock at {@code simStart} now. */
    public void start(Instant simStart) {
        simOrigin = simStart.toEpochMilli();
        wallOrigin = sleeper.nowMillis();
    }

    /** Blocks until {@code eventTime} is due on the wall clock. */
    public void await(Instant eventTime) {
        if (unpaced()) {
            return;
        }
        if (wallOrigin < 0) {
            start(eventTime);
        }
        long due = wallOrigin + (long) ((eventTime.toEpochMilli() - simOrigin) / speedup);
        long wait = due - sleeper.nowMillis();
        if (wait > 0) {
            try {
                sleeper.sleepMillis(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the simulation", e);
            }
        }
    }
}
