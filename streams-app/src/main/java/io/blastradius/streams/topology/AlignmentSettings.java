package io.blastradius.streams.topology;

/**
 * How the health and correlation stages line up the event time of their upstream tasks
 * ({@link SourceProgress}: the health stage's progress marks, the correlation stage's {@link EventTimeAligner}).
 *
 * @param sources upstream tasks to wait for (the partitions of the input topics); more are learned
 *     as they appear
 * @param maxSkewMinutes event-time lead of the fastest source over a slower one beyond which the
 *     slower one may be given up on, if it is also idle
 * @param idleMillis how long (wall clock) a source lagging by more than {@code maxSkewMinutes} must
 *     have made no progress before it is no longer waited for: an idle partition must not stall
 *     detection in live mode, while a slow one on a replay is still waited for
 * @param maxBuffered inputs held back before the oldest are released regardless
 */
public record AlignmentSettings(int sources, int maxSkewMinutes, long idleMillis, int maxBuffered) {

    public AlignmentSettings {
        if (sources < 1 || maxSkewMinutes < 1 || idleMillis < 0 || maxBuffered < 1) {
            throw new IllegalArgumentException("sources, maxSkewMinutes and maxBuffered must be positive, idleMillis not negative");
        }
    }

    public static AlignmentSettings defaults() {
        return new AlignmentSettings(1, 10, 30_000, 100_000);
    }

    public AlignmentSettings withSources(int n) {
        return new AlignmentSettings(n, maxSkewMinutes, idleMillis, maxBuffered);
    }
}
