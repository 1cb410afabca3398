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
    /** The hour being gathered; folded into its slot when the hour changes, so the profile changes hourly. */
    private int pendingSlot = -1;
    private double pendingSum;
    private int pendingMinutes;

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

    /**
     * Learns one closed minute with {@code complaints} complaint weight.
     *
     * @return whether the hour-of-week profile changed (once an hour)
     */
    public boolean learn(long minuteStart, double complaints, BaselineSettings settings) {
        double expected = expected(minuteStart, settings);
        // an incident minute teaches at most a few times the usual level
        double x = Math.min(complaints, settings.learnCapFactor() * expected + settings.learnCapAbsolute());
        minutesSeen++;
        double alpha = Math.max(1.0 / settings.levelMemoryMinutes(), 1.0 / (minutesSeen + settings.priorWeightMinutes()));
        level += alpha * (x - level);
        int slot = slotOf(minuteStart);
        boolean folded = false;
        if (slot != pendingSlot && pendingMinutes > 0) {
            fold(settings);
            folded = true;
        }
        pendingSlot = slot;
        pendingSum += x;
        pendingMinutes++;
        return folded;
    }

    private void fold(BaselineSettings settings) {
        double mean = pendingSum / pendingMinutes;
        int slot = pendingSlot;
        if (slotMinutes[slot] == 0) {
            slotLevel[slot] = (float) mean;
        } else {
            // weight the hour by its minutes, with a memory of slotMemoryMinutes of this slot
            double alpha = Math.min(1.0, pendingMinutes / Math.min(settings.slotMemoryMinutes(), slotMinutes[slot] + pendingMinutes));
            slotLevel[slot] += (float) (alpha * (mean - slotLevel[slot]));
        }
        slotMinutes[slot] = (int) Math.min(Integer.MAX_VALUE, (long) slotMinutes[slot] + pendingMinutes);
        pendingSum = 0;
        pendingMinutes = 0;
    }

    /** Restores the hour being gathered (see {@link #pendingSlot()}). */
    public void restorePending(int slot, double sum, int minutes) {
        this.pendingSlot = slot;
        this.pendingSum = sum;
        this.pendingMinutes = minutes;
    }

    public int pendingSlot() {
        return pendingSlot;
    }

    public double pendingSum() {
        return pendingSum;
    }

    public int pendingMinutes() {
        return pendingMinutes;
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
