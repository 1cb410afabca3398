package io.blastradius.streams.correlation;

import io.blastradius.streams.correlation.HealthVerdict.Level;
import io.blastradius.streams.correlation.HealthVerdict.ProbeSummary;
import io.blastradius.streams.correlation.HealthVerdict.SocialSummary;
import io.blastradius.streams.correlation.HealthVerdict.StatusSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one service's health from a short view of minute buckets: probe failures that a quorum of
 * independent vantage points agrees on, complaint volume against the learned baseline, and the
 * service's own status page. The three are combined as independent pieces of evidence
 * (1 - product of their complements), so any one strong signal is enough and weak ones add up.
 */
public final class HealthAssessor {
    private final HealthSettings settings;

    public HealthAssessor(HealthSettings settings) {
        this.settings = settings;
    }

    public HealthSettings settings() {
        return settings;
    }

    /**
     * @param view the buckets of the minutes in the view (any order; empty minutes may be absent)
     * @param expectedComplaints the baseline's complaint weight for the whole view
     * @param status the service's status page, or null when it has none
     * @param previous the state judged for the previous minute, for hysteresis
     */
    public HealthVerdict assess(List<MinuteBucket> view, double expectedComplaints, StatusSnapshot status, Level previous) {
        return assess(view, expectedComplaints, status, previous, Map.of());
    }

    /**
     * As {@link #assess(List, double, StatusSnapshot, Level)}, leaving out the checks of vantage points
     * in trouble ({@link VantageTrouble}) in the minutes they were in trouble.
     *
     * @param troubled minute start (epoch millis) to the vantage points in trouble in that minute
     */
    public HealthVerdict assess(List<MinuteBucket> view, double expectedComplaints, StatusSnapshot status, Level previous,
            Map<Long, Set<String>> troubled) {
        ProbeSummary probe = probe(view, troubled);
        SocialSummary social = social(view, expectedComplaints);
        StatusSummary page = status(status);
        double score = 1 - (1 - probe.score()) * (1 - social.score()) * (1 - page.score());
        boolean observed = probe.checks() > 0 || page.status() != null || social.complaints() > 0;
        Level level;
        if (!observed) {
            level = Level.UNKNOWN;
        } else if (score >= settings.downScore()) {
            level = Level.DOWN;
        } else if (score >= settings.degradedScore()) {
            level = Level.DEGRADED;
        } else if (previous != null && previous.unhealthy() && score >= settings.recoverScore()) {
            level = Level.DEGRADED;
        } else {
            level = Level.HEALTHY;
        }
        return new HealthVerdict(level, score, probe, social, page);
    }

    ProbeSummary probe(List<MinuteBucket> view) {
        return probe(view, Map.of());
    }

    ProbeSummary probe(List<MinuteBucket> view, Map<Long, Set<String>> troubled) {
        // per vantage: checks, failures, and whether its most recent minute with checks failed entirely
        // one entry per vantage (judged every minute for every service, so one lookup per vantage and bucket)
        Map<String, VantageTally> byVantage = new HashMap<>();
        Map<String, Integer> errors = new HashMap<>();
        Map<String, Integer> scopes = new HashMap<>();
        for (MinuteBucket b : view) {
            long minuteStart = b.minuteStart();
            Set<String> leftOut = troubled.isEmpty() ? Set.of() : troubled.getOrDefault(minuteStart, Set.of());
            for (Map.Entry<String, int[]> e : b.vantages().entrySet()) {
                if (leftOut.contains(e.getKey())) {
                    continue;
                }
                int[] t = e.getValue();
                VantageTally acc = byVantage.get(e.getKey());
                if (acc == null) {
                    acc = new VantageTally();
                    byVantage.put(e.getKey(), acc);
                }
                acc.checks += t[0];
                acc.failures += t[1];
                if (t[0] > 0 && minuteStart >= acc.latestMinute) {
                    acc.latestMinute = minuteStart;
                    acc.latestFailedAll = t[1] == t[0];
                }
            }
            if (!b.errorClasses().isEmpty()) {
                b.errorClasses().forEach((e, n) -> errors.merge(e, n, Integer::sum));
            }
            if (!b.attributedFailures().isEmpty()) {
                b.attributedFailures().forEach((s, n) -> scopes.merge(s, n, Integer::sum));
            }
        }
        int checks = 0;
        int failures = 0;
        int failing = 0;
        for (VantageTally t : byVantage.values()) {
            checks += t.checks;
            failures += t.failures;
            // failing over the view, or failing now: a fresh failure counts at once, for early detection
            boolean failingNow = t.latestFailedAll;
            if (t.failures >= settings.vantageMinFailures() && (failingNow || t.failures >= settings.vantageFailRatio() * t.checks)) {
                failing++;
            }
        }
        int vantages = byVantage.size();
        boolean quorum = failing >= settings.quorumVantages() && failing > settings.quorumShare() * vantages;
        double ratio = checks == 0 ? 0 : failures / (double) checks;
        double score;
        if (quorum) {
            score = 0.85 + 0.15 * ratio;
        } else if (failing > 0 && vantages > 0) {
            // some vantage points fail but they do not agree: weak evidence, never enough alone
            score = 0.3 * failing / vantages;
        } else {
            score = 0;
        }
        return new ProbeSummary(checks, failures, vantages, failing, quorum, mostFrequentFirst(errors),
                quorum ? mostFrequentFirst(scopes) : List.of(), score);
    }

    SocialSummary social(List<MinuteBucket> view, double expected) {
        double complaints = 0;
        Map<String, Double> providers = new HashMap<>();
        for (MinuteBucket b : view) {
            complaints += b.complaints();
            b.providersNamed().forEach((p, w) -> providers.merge(p, w, Double::sum));
        }
        double surprise = Tails.surprise(Tails.poissonUpper((int) Math.floor(complaints), expected));
        double score = 0;
        if (complaints >= settings.complaintMinWeight() && surprise >= settings.complaintSurprise()) {
            // from 0.5 at the threshold to 0.9 at the strong level
            double span = Math.max(1e-9, settings.complaintStrongSurprise() - settings.complaintSurprise());
            score = Math.min(0.9, 0.5 + 0.4 * (surprise - settings.complaintSurprise()) / span);
        }
        List<String> named = new ArrayList<>(providers.keySet());
        named.sort(Comparator.comparing((String p) -> -providers.get(p)).thenComparing(p -> p));
        return new SocialSummary(complaints, expected, surprise, named, score);
    }

    StatusSummary status(StatusSnapshot snapshot) {
        StatusSnapshot.Entry worst = snapshot == null ? null : snapshot.worst();
        if (worst == null) {
            return new StatusSummary(null, null, null, 0);
        }
        return new StatusSummary(worst.status(), worst.incidentId(), worst.at(), StatusSnapshot.severity(worst.status()));
    }

    /** One vantage point over the view: checks, failures, and whether its latest minute with checks failed entirely. */
    private static final class VantageTally {
        int checks;
        int failures;
        long latestMinute = Long.MIN_VALUE;
        boolean latestFailedAll;
    }

    private static List<String> mostFrequentFirst(Map<String, Integer> counts) {
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparing((String k) -> -counts.get(k)).thenComparing(k -> k));
        return keys;
    }
}
