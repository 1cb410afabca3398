package io.blastradius.streams.correlation;

import java.util.ArrayList;
import java.util.List;

/**
 * The correlator's memory of one service: the minutes it was judged unhealthy (as spans, for a
 * few hours, so a decision at a past event time sees what was true then) and how often it is
 * unhealthy outside provider outages (its usual failure rate).
 */
public final class ServiceTrack {
    /** Unhealthy minutes as [first, last] minute numbers (epoch minutes), oldest first, disjoint. */
    List<long[]> spans = new ArrayList<>();
    long lastMinute = Long.MIN_VALUE;
    boolean lastUnhealthy;
    double lastScore;
    List<String> attributedScopes = List.of();
    /** Decayed count of unhealthy minutes not explained by a provider outage. */
    double unhealthyMinutes;

    public ServiceTrack() {
    }

    /**
     * Records the judgement for minute {@code minute} (epoch minutes). Judgements of one service
     * arrive in order and only when something changed (or as a periodic refresh), so an unhealthy
     * judgement following an unhealthy one means the service was unhealthy all along.
     */
    public void observe(long minute, boolean unhealthy, double score, List<String> attributed) {
        if (unhealthy) {
            long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && lastUnhealthy && minute >= last[1]) {
                last[1] = minute;
            } else if (last != null && minute >= last[0] && minute <= last[1] + 1) {
                last[1] = Math.max(last[1], minute);
            } else if (last == null || minute > last[1]) {
                spans.add(new long[] {minute, minute});
            }
            attributedScopes = List.copyOf(attributed);
        } else if (!spans.isEmpty()) {
            long[] last = spans.get(spans.size() - 1);
            if (lastUnhealthy && last[1] < minute - 1) {
                // it was unhealthy until this change was reported
                last[1] = minute - 1;
            }
            // healthy from this minute on: cut a span that ran past it
            if (last[1] >= minute) {
                if (last[0] >= minute) {
                    spans.remove(spans.size() - 1);
                } else {
                    last[1] = minute - 1;
                }
            }
        }
        if (minute >= lastMinute) {
            lastMinute = minute;
            lastUnhealthy = unhealthy;
            lastScore = score;
        }
    }

    /**
     * Whether the service counts as unhealthy at minute {@code minute}: judged so for that minute,
     * or its latest judgement (at most {@code staleness} minutes older) was unhealthy and no change
     * has been reported since.
     */
    public boolean unhealthyAt(long minute, int staleness) {
        if (covered(minute)) {
            return true;
        }
        return lastUnhealthy && lastMinute < minute && lastMinute >= minute - staleness;
    }

    /** First minute of the unhealthy streak that covers {@code minute} (or is still open before it). */
    public long streakStart(long minute, int staleness) {
        for (int i = spans.size() - 1; i >= 0; i--) {
            long[] s = spans.get(i);
            if (s[0] <= minute && s[1] >= minute - staleness) {
                return s[0];
            }
        }
        return minute;
    }

    boolean covered(long minute) {
        for (int i = spans.size() - 1; i >= 0; i--) {
            long[] s = spans.get(i);
            if (s[1] < minute) {
                return false;
            }
            if (s[0] <= minute) {
                return true;
            }
        }
        return false;
    }

    /** Forgets spans that ended before {@code minute}. */
    public void prune(long minute) {
        spans.removeIf(s -> s[1] < minute);
    }

    public boolean isEmpty() {
        return spans.isEmpty() && !lastUnhealthy && unhealthyMinutes < 0.01;
    }

    public double lastScore() {
        return lastScore;
    }

    public List<String> attributedScopes() {
        return attributedScopes;
    }
}
