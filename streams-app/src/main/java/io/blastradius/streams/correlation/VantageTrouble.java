package io.blastradius.streams.correlation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the vantage points in trouble in one minute: those whose checks fail across the board, over
 * every service judged together, while the other vantage points' checks pass. That is the vantage's
 * own network (a congested uplink, a broken resolver), not the services it probes; left in, its
 * failures plus any one chance failure elsewhere make a quorum for every service it checks, and a
 * few of those land on a provider scope together.
 *
 * <p>A provider outage does not look like this: the services it hits fail from every vantage point,
 * so all shares rise together and the median rises with them. A vantage point hosted on the failing
 * provider itself does look like this, and leaving it out is right then too.
 */
public final class VantageTrouble {
    private VantageTrouble() {
    }

    /** One vantage point's checks and failures over a minute, for explanations and logs. */
    public record Tally(int checks, int failures) {
        public double share() {
            return checks == 0 ? 0 : failures / (double) checks;
        }
    }

    /**
     * The vantage points in trouble in one minute.
     *
     * @param buckets every service's bucket of that minute (services without checks may be absent)
     * @return the vantage ids in trouble, in order; empty when fewer than two vantage points made
     *     enough checks to compare
     */
    public static Set<String> inTrouble(Iterable<MinuteBucket> buckets, HealthSettings settings) {
        return inTrouble(tallies(buckets), settings);
    }

    /** Every vantage point's checks and failures over {@code buckets}. */
    public static Map<String, Tally> tallies(Iterable<MinuteBucket> buckets) {
        Map<String, int[]> sums = new HashMap<>();
        for (MinuteBucket b : buckets) {
            for (Map.Entry<String, int[]> e : b.vantages().entrySet()) {
                int[] sum = sums.computeIfAbsent(e.getKey(), k -> new int[2]);
                sum[0] += e.getValue()[0];
                sum[1] += e.getValue()[1];
            }
        }
        Map<String, Tally> out = new HashMap<>();
        sums.forEach((v, t) -> out.put(v, new Tally(t[0], t[1])));
        return out;
    }

    /** The vantage points in trouble given each one's tally (see {@link #inTrouble(Iterable, HealthSettings)}). */
    public static Set<String> inTrouble(Map<String, Tally> tallies, HealthSettings settings) {
        if (settings.troubleExcess() >= 1) {
            return Set.of();
        }
        List<String> judged = new ArrayList<>();
        tallies.forEach((v, t) -> {
            if (t.checks() >= settings.troubleMinChecks()) {
                judged.add(v);
            }
        });
        if (judged.size() < 2) {
            return Set.of();
        }
        Set<String> troubled = new TreeSet<>();
        for (String v : judged) {
            double[] others = new double[judged.size() - 1];
            int i = 0;
            for (String w : judged) {
                if (!w.equals(v)) {
                    others[i++] = tallies.get(w).share();
                }
            }
            if (tallies.get(v).share() >= median(others) + settings.troubleExcess()) {
                troubled.add(v);
            }
        }
        return troubled;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
