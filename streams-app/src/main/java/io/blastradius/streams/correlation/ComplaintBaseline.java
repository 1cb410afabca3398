package io.blastradius.streams.correlation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * The complaint volume a service usually gets, learned from the stream itself: a running level
 * (exponentially weighted, starting from a prior so that a new service is not judged on its first
 * posts) and a time-of-week profile (one slot per hour of the week) that takes over as each slot
 * gathers history. Minutes that look like an incident are learned only up to a cap, so an outage
 * does not teach the baseline that outages are normal.
 */
public final class ComplaintBaseline {
    public static final int SLOTS = 7 * 24;

    private double level;
    private long minutesSeen;
    private float[] slotLevel;
    private int[] slotMinutes;

    /** For deserialization. */
    private ComplaintBaseline() {
        this(0);
    }

    public ComplaintBaseline(double priorPerMinute) {
        this(priorPerMinute, 0, new float[SLOTS], new int[SLOTS]);
    }

    /** Restores a baseline from its parts (see the accessors). */
    public ComplaintBaseline(double level, long minutesSeen, float[] slotLevel, int[] slotMinutes) {
        if (slotLevel.length != SLOTS || slotMinutes.length != SLOTS) {
            throw new IllegalArgumentException("a baseline has " + SLOTS + " hour-of-week slots");
        }
        this.level = level;
        this.minutesSeen = minutesSeen;
        this.slotLevel = slotLevel;
        this.slotMinutes = slotMinutes;
    }

    /** Hour of the week, 0 = Monday 00:00-01:00 UTC. */
    public static int slotOf(long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        int day = t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        return day * 24 + t.getHour();
    }

    /** Expected complaint weight in the minute starting at {@code minuteStart}. */
    public double expected(long minuteStart, BaselineSettings settings) {
        int slot = slotOf(minuteStart);
        int seen = slotMinutes[slot];
        if (seen < settings.slotMinHistoryMinutes()) {
            return Math.max(settings.floorPerMinute(), level);
        }
        // trust the slot more as it fills, never fully ignoring the running level
        double w = seen / (seen + (double) settings.slotMinHistoryMinutes());
        return Math.max(settings.floorPerMinute(), w * slotLevel[slot] + (1 - w) * level);
    }

    /** Learns one closed minute with {@code complaints} complaint weight. */
    public void learn(long minuteStart, double complaints, BaselineSettings settings) {
        double expected = expected(minuteStart, settings);
        // an incident minute teaches at most a few times the usual level
        double x = Math.min(complaints, settings.learnCapFactor() * expected + settings.learnCapAbsolute());
        minutesSeen++;
        double alpha = Math.max(1.0 / settings.levelMemoryMinutes(), 1.0 / (minutesSeen + settings.priorWeightMinutes()));
        level += alpha * (x - level);
        int slot = slotOf(minuteStart);
        if (slotMinutes[slot] == 0) {
            slotLevel[slot] = (float) x;
        } else {
            double slotAlpha = Math.max(1.0 / settings.slotMemoryMinutes(), 1.0 / (slotMinutes[slot] + 1));
            slotLevel[slot] += (float) (slotAlpha * (x - slotLevel[slot]));
        }
        if (slotMinutes[slot] < Integer.MAX_VALUE) {
            slotMinutes[slot]++;
        }
    }

    public double level() {
        return level;
    }

    public long minutesSeen() {
        return minutesSeen;
    }

    public float[] slotLevels() {
        return slotLevel;
    }

    public int[] slotMinutes() {
        return slotMinutes;
    }

    /**
     * How a baseline learns.
     *
     * @param floorPerMinute smallest expected rate, so a service nobody talks about is not alarmed by one post
     * @param priorWeightMinutes how many minutes of evidence the prior is worth
     * @param levelMemoryMinutes memory of the running level
     * @param slotMemoryMinutes memory of an hour-of-week slot, in minutes of that slot
     * @param slotMinHistoryMinutes minutes a slot needs before it is trusted
     * @param learnCapFactor an incident minute is learned as at most this many times the expectation ...
     * @param learnCapAbsolute ... plus this much
     */
    public record BaselineSettings(double floorPerMinute, double priorWeightMinutes, double levelMemoryMinutes,
            double slotMemoryMinutes, int slotMinHistoryMinutes, double learnCapFactor, double learnCapAbsolute) {
        public static BaselineSettings defaults() {
            return new BaselineSettings(0.02, 30, 180, 240, 60, 3.0, 1.0);
        }
    }

    @Override
    public String toString() {
        return "ComplaintBaseline[level=" + level + ", minutes=" + minutesSeen + ", slotsFilled="
                + Arrays.stream(slotMinutes).filter(m -> m > 0).count() + "]";
    }
}
