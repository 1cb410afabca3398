package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.ComplaintBaseline.BaselineSettings;
import io.blastradius.streams.correlation.DependencyGraph.ProviderIndex;
import io.blastradius.streams.correlation.OutageTracker.Change;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The correlation stage for one provider, in plain Java: takes health judgements of the
 * provider's dependents, the provider's status feed, complaints naming it and the passing of event
 * time, keeps a {@link ProviderState}, and returns the outage changes each input causes.
 *
 * <p>Every decision is made at the event time of the input that caused it (never at wall-clock
 * time), so a replay decides exactly as live did.
 */
public final class ProviderCorrelator {
    private static final long MINUTE = 60_000L;
    /** Per-minute decay of the usual-failure-rate counts: about a week of memory. */
    private static final double DECAY = 1 - 1.0 / (7 * 24 * 60);
    private static final int COMPLAINT_VIEW_MINUTES = 3;

    private final CorrelationSettings settings;
    private final BaselineSettings baselineSettings;
    private final ScopeCorrelator correlator;
    private final OutageTracker tracker;

    public ProviderCorrelator(CorrelationSettings settings, BaselineSettings baselineSettings) {
        this.settings = settings;
        this.baselineSettings = baselineSettings;
        this.correlator = new ScopeCorrelator(settings);
        this.tracker = new OutageTracker(correlator);
    }

    public ProviderState newState(String provider) {
        return new ProviderState(provider, 0.05);
    }

    /**
     * A health judgement of a dependent for the minute ending at {@code windowEnd} (exclusive).
     */
    public List<Change> onHealth(ProviderState state, DependencyGraph graph, String service, long windowEnd,
            boolean unhealthy, double score, List<String> attributedScopes) {
        long minute = minuteOf(windowEnd - 1);
        ServiceTrack track = state.tracks.get(service);
        if (track == null) {
            if (!unhealthy) {
                return List.of();
            }
            track = new ServiceTrack();
            state.tracks.put(service, track);
        }
        track.observe(minute, unhealthy, score, attributedScopes);
        return decide(state, graph, windowEnd);
    }

    /** An observation of the provider's own status feed about {@code scope}. */
    public List<Change> onStatus(ProviderState state, DependencyGraph graph, ScopeId scope, String component,
            String status, String incidentId, String incidentStatus, long at) {
        String key = scope + "|" + (component == null ? "" : component);
        ProviderState.ScopedStatus current = state.status.get(key);
        if (current != null && current.at() > at) {
            return List.of();
        }
        boolean over = "resolved".equals(incidentStatus == null ? null : incidentStatus.toLowerCase(Locale.ROOT))
                || "postmortem".equals(incidentStatus) || StatusSnapshot.severity(status) == 0;
        if (over) {
            state.status.remove(key);
        } else {
            state.status.put(key, new ProviderState.ScopedStatus(scope.toString(), status, incidentId, at));
        }
        return decide(state, graph, at);
    }

    /** A complaint naming the provider, with its complaint weight. */
    public void onComplaint(ProviderState state, long at, double weight) {
        long minute = minuteOf(at);
        if (complaintTooLate(state, at)) {
            return;
        }
        state.complaintMinutes.merge(minute, weight, Double::sum);
    }

    /** Whether a complaint at {@code at} is too late to matter for any complaint view still open. */
    public boolean complaintTooLate(ProviderState state, long at) {
        return state.lastTickMinute != Long.MIN_VALUE && minuteOf(at) < state.lastTickMinute - COMPLAINT_VIEW_MINUTES;
    }

    /** Replaces the complaint weight of {@code minute} (the topology keeps tallies in their own store). */
    public void setComplaints(ProviderState state, long minute, double weight) {
        if (weight > 0) {
            state.complaintMinutes.put(minute, weight);
        } else {
            state.complaintMinutes.remove(minute);
        }
    }

    /** The minutes whose complaint tallies a decision at {@code now} may read. */
    public long[] complaintMinutesNeeded(ProviderState state, long now) {
        long last = minuteOf(now);
        long first = state.lastTickMinute == Long.MIN_VALUE ? last - COMPLAINT_VIEW_MINUTES
                : Math.min(state.lastTickMinute + 1, last) - COMPLAINT_VIEW_MINUTES;
        return new long[] {first, last};
    }

    /**
     * Event time has reached {@code now}: learn usual rates, and let outages recover and resolve.
     * Several upstream tasks tick for the same minute; only the first one learns.
     */
    public List<Change> onTick(ProviderState state, DependencyGraph graph, long now) {
        long minute = minuteOf(now) - 1; // the last closed minute
        if (state.lastTickMinute == Long.MIN_VALUE) {
            state.lastTickMinute = minute - 1;
        }
        if (minute <= state.lastTickMinute) {
            return List.of();
        }
        learn(state, state.lastTickMinute + 1, minute);
        state.lastTickMinute = minute;
        List<Change> changes = decide(state, graph, now);
        long horizon = minute - 180;
        state.tracks.values().forEach(t -> t.prune(horizon));
        state.tracks.values().removeIf(ServiceTrack::isEmpty);
        return changes;
    }

    private void learn(ProviderState state, long fromMinute, long toMinute) {
        Set<String> explained = new HashSet<>();
        for (OutageCase c : state.cases.values()) {
            if (c.isOpen()) {
                explained.addAll(c.observed().keySet());
            }
        }
        long first = Math.max(fromMinute, toMinute - 120);
        long skipped = first - fromMinute;
        if (skipped > 0) {
            // a long gap: nothing was unhealthy that we could count, only the minutes pass
            double d = Math.pow(DECAY, skipped);
            state.minutes = state.minutes * d + (1 - d) / (1 - DECAY);
            state.tracks.values().forEach(t -> t.unhealthyMinutes *= d);
        }
        for (long m = first; m <= toMinute; m++) {
            state.minutes = state.minutes * DECAY + 1;
            for (Map.Entry<String, ServiceTrack> e : state.tracks.entrySet()) {
                ServiceTrack t = e.getValue();
                t.unhealthyMinutes = t.unhealthyMinutes * DECAY
                        + (t.unhealthyAt(m, settings.healthStalenessMinutes()) && !explained.contains(e.getKey()) ? 1 : 0);
            }
            Double weight = state.complaintMinutes.get(m);
            state.complaintBaseline.learn(m * MINUTE, weight == null ? 0 : weight, baselineSettings);
        }
        state.complaintMinutes.headMap(toMinute - COMPLAINT_VIEW_MINUTES, true).clear();
    }

    /**
     * Decides as of {@code eventTime}, the event time of the input: an input from a partition that
     * runs behind is judged against what was true at its own time (the tracks keep history), so a
     * detection carries the same time whichever partition happened to be processed first. Lifecycle
     * steps never go back in time: they happen at the latest decision time so far.
     */
    private List<Change> decide(ProviderState state, DependencyGraph graph, long eventTime) {
        long now = Math.max(eventTime, state.lastDecision);
        long asOf = Math.max(eventTime, now - MINUTE * settings.healthStalenessMinutes());
        state.lastDecision = now;
        long minute = minuteOf(asOf - 1);
        Function<String, ServiceCondition> conditions = service -> condition(state, service, minute);
        ProviderIndex index = graph.provider(state.provider);
        ProviderEvidence evidence = evidence(state, minute);
        List<ScopeAssessment> assessments = index == null ? List.of()
                : correlator.assess(graph, index, conditions, evidence);
        List<Change> changes = tracker.decide(state.cases, assessments, conditions, evidence, asOf, now);
        tracker.forgetResolved(state.cases, now);
        return changes;
    }

    ServiceCondition condition(ProviderState state, String service, long minute) {
        ServiceTrack t = state.tracks.get(service);
        double rate = baseRate(state, t);
        if (t == null) {
            return ServiceCondition.healthy(service, rate);
        }
        int tolerance = settings.healthStalenessMinutes();
        boolean unhealthy = t.unhealthyAt(minute, tolerance);
        if (!unhealthy) {
            return ServiceCondition.healthy(service, rate);
        }
        return new ServiceCondition(service, true, t.lastScore(), t.streakStart(minute, tolerance) * MINUTE, rate,
                t.attributedScopes());
    }

    double baseRate(ProviderState state, ServiceTrack t) {
        double w = settings.priorWeightMinutes();
        double unhealthy = t == null ? 0 : t.unhealthyMinutes;
        return (unhealthy + settings.priorBaseRate() * w) / (state.minutes + w);
    }

    private ProviderEvidence evidence(ProviderState state, long minute) {
        Map<ScopeId, StatusSnapshot.Entry> status = new HashMap<>();
        for (ProviderState.ScopedStatus s : state.status.values()) {
            ScopeId scope = ScopeId.parse(s.scope());
            StatusSnapshot.Entry entry = new StatusSnapshot.Entry(s.status(), s.incidentId(), s.at());
            status.merge(scope, entry, (a, b) -> StatusSnapshot.severity(a.status()) >= StatusSnapshot.severity(b.status()) ? a : b);
        }
        double complaints = 0;
        double expected = 0;
        for (long m = minute - COMPLAINT_VIEW_MINUTES + 1; m <= minute; m++) {
            complaints += state.complaintMinutes.getOrDefault(m, 0.0);
            expected += state.complaintBaseline.expected(m * MINUTE, baselineSettings);
        }
        double surprise = complaints < 3 ? 0 : Tails.surprise(Tails.poissonUpper((int) Math.floor(complaints), expected));
        return new ProviderEvidence(status, surprise, complaints);
    }

    public static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE);
    }
}
