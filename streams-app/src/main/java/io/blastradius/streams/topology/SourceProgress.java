package io.blastradius.streams.topology;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-time progress of the upstream tasks a stage hears from, and the time all of them have
 * passed (like watermark alignment). Kafka Streams does not keep tasks in step, and what one task
 * sends through a repartition topic arrives after what it processes itself, so a stage that takes
 * its clock from whatever arrives first decides on a partial picture; a stage that waits until
 * every source has passed a time decides on all of it, however the inputs interleave.
 *
 * <p>An idle source must not stall the stage: one that lags the fastest by more than
 * {@code maxSkew} of event time and has not moved for {@code idleMillis} of wall-clock time (a
 * partition with no input in live mode) is no longer waited for beyond that lead. A source that
 * lags but moves (a slower task on a replay) is still waited for, so the wall clock decides only
 * when to stop waiting, never what is decided.
 *
 * <p>Plain Java: the stages persist {@link #watermarks()}; the wall-clock times are not persisted
 * (after a restart every source starts fresh).
 */
final class SourceProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SourceProgress.class);
    private static final long MINUTE = 60_000L;

    private long[] watermarks;
    /** Wall-clock time each source last moved. */
    private long[] movedAt = new long[0];
    private long lastWarned = Long.MIN_VALUE;

    SourceProgress() {
        this(new long[0]);
    }

    SourceProgress(long[] watermarks) {
        this.watermarks = watermarks.clone();
    }

    long[] watermarks() {
        return watermarks.clone();
    }

    /** Makes sure {@code sources} sources are waited for (a source that has not spoken yet is waited for). */
    void expect(int sources, long wallNow) {
        if (sources > watermarks.length) {
            int old = watermarks.length;
            watermarks = Arrays.copyOf(watermarks, sources);
            Arrays.fill(watermarks, old, sources, Long.MIN_VALUE);
        }
        if (sources > movedAt.length) {
            int old = movedAt.length;
            movedAt = Arrays.copyOf(movedAt, sources);
            Arrays.fill(movedAt, old, sources, wallNow);
        }
    }

    /** Source {@code source} has reached event time {@code at}; returns whether that moved it on. */
    boolean advance(int source, long at, long wallNow) {
        expect(source + 1, wallNow);
        if (at <= watermarks[source]) {
            return false;
        }
        watermarks[source] = at;
        movedAt[source] = wallNow;
        return true;
    }

    /**
     * The event time every source has passed, an idle one counted at the skew bound behind the
     * fastest; {@link Long#MIN_VALUE} while no source has spoken or one that has not is still waited for.
     */
    long passed(String name, long maxSkewMinutes, long idleMillis, long wallNow) {
        long fastest = Long.MIN_VALUE;
        for (long w : watermarks) {
            fastest = Math.max(fastest, w);
        }
        if (fastest == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long skewFloor = fastest - maxSkewMinutes * MINUTE;
        long passed = Long.MAX_VALUE;
        for (int s = 0; s < watermarks.length; s++) {
            long w = watermarks[s];
            if (w < skewFloor && wallNow - movedAt[s] >= idleMillis) {
                w = skewFloor; // idle: no longer waited for beyond the skew bound
                if (lastWarned == Long.MIN_VALUE || fastest - lastWarned >= 60 * MINUTE) {
                    lastWarned = fastest;
                    LOG.warn("{}: source {} is idle, more than {} min of event time behind; not waiting for it",
                            name, s, maxSkewMinutes);
                }
            }
            passed = Math.min(passed, w);
        }
        return passed;
    }
}
