package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.ComplaintBaseline.BaselineSettings;
import io.blastradius.streams.correlation.OutageTracker.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The correlation stage in plain Java: takes health judgements of services, the providers' status
 * feeds, complaints naming providers and the passing of event time, keeps a
 * {@link CorrelationState}, and at each closed minute decides which provider scopes fail and how
 * their outages move.
 *
 * <p>Judgements and status observations are only remembered when they arrive; the decision comes
 * with the tick that closes a minute, once everything about that minute is in, so neither the order
 * of inputs within a minute nor the wall clock matters: a replay decides exactly as live did.
 */
public final class Correlator {
    private static final long MINUTE = 60_000L;
    /** Per-minute decay of the usual-failure-rate counts: about a week of memory. */
    private static final double DECAY = 1 - 1.0 / (7 * 24 * 60);
    private static final int COMPLAINT_VIEW_MINUTES = 3;
    private static final double COMPLAINT_PRIOR_PER_MINUTE = 0.05;
    private static final long STATUS_MAX_AGE = 12 * 60 * MINUTE;

    private final CorrelationSettings settings;
    private final BaselineSettings baselineSettings;
    private final ScopeCorrelator correlator;
    private final OutageTracker tracker;

    public Correlator(CorrelationSettings settings, BaselineSettings baselineSettings) {
        this.settings = settings;
        this.baselineSettings = baselineSettings;
        this.correlator = new ScopeCorrelator(settings);
        this.tracker = new OutageTracker(correlator);
    }

    public CorrelationState newState() {
        return new CorrelationState();
    }

    /**
     * A health judgement of a service for the minute ending at {@code windowEnd} (exclusive). It is
     * remembered; the decision comes with the tick that closes the minute.
     */
    public void onHealth(CorrelationState state, String service, long windowEnd, boolean unhealthy, double score,
            List<String> attributedScopes) {
        long minute = minuteOf(windowEnd - 1);
        ServiceTrack track = state.tracks.get(service);
        if (track == null) {
            if (!unhealthy) {
                return;
            }
            track = new ServiceTrack();
            state.tracks.put(service, track);
        }
        track.observe(minute, unhealthy, score, attributedScopes);
    }

    /** An observation of a provider's own status feed about {@code scope}; weighed at the next tick. */
    public void onStatus(CorrelationState state, ScopeId scope, String component, String status, String incidentId,
            String incidentStatus, long at) {
        String key = scope + "|" + (component == null ? "" : component);
        CorrelationState.ScopedStatus current = state.status.get(key);
        if (current != null && current.at() > at) {
            return;
        }
        boolean over = "resolved".equals(incidentStatus == null ? null : incidentStatus.toLowerCase(Locale.ROOT))
                || "postmortem".equals(incidentStatus) || StatusSnapshot.severity(status) == 0;
        if (over) {
            state.status.remove(key);
            if (incidentId != null) {
                // an incident resolved is resolved wherever it was reported (its posts name different scopes)
                state.status.values().removeIf(s -> incidentId.equals(s.incidentId()) && s.at() <= at);
            }
        } else {
            state.status.put(key, new CorrelationState.ScopedStatus(scope.toString(), status, incidentId, at));
        }
    }

    /** A complaint naming {@code provider}, with its complaint weight. */
    public void onComplaint(CorrelationState state, String provider, long at, double weight) {
        if (!complaintTooLate(state, at)) {
            state.complaintMinutes.computeIfAbsent(provider, p -> new TreeMap<>()).merge(minuteOf(at), weight, Double::sum);
        }
    }

    /** Whether a complaint at {@code at} is too late to matter for any complaint view still open. */
    public boolean complaintTooLate(CorrelationState state, long at) {
        return state.lastTickMinute != Long.MIN_VALUE && minuteOf(at) < state.lastTickMinute - COMPLAINT_VIEW_MINUTES;
    }

    /** Replaces the complaint weight naming {@code provider} in {@code minute} (the topology keeps tallies in a store). */
    public void setComplaints(CorrelationState state, String provider, long minute, double weight) {
        if (weight > 0) {
            state.complaintMinutes.computeIfAbsent(provider, p -> new TreeMap<>()).put(minute, weight);
        } else {
            TreeMap<Long, Double> m = state.complaintMinutes.get(provider);
            if (m != null) {
                m.remove(minute);
            }
        }
    }

    /** The minutes whose complaint tallies a decision at {@code now} may read: {@code [first, last]}. */
    public long[] complaintMinutesNeeded(CorrelationState state, long now) {
        long last = minuteOf(now);
        long first = state.lastTickMinute == Long.MIN_VALUE ? last - COMPLAINT_VIEW_MINUTES
                : Math.min(state.lastTickMinute + 1, last) - COMPLAINT_VIEW_MINUTES;
        return new long[] {first, last};
    }

    /**
     * Event time has reached {@code now}: every judgement of the minutes before it is in. Learns the
     * usual rates, decides which scopes fail, and moves the outages' lifecycle. A tick for a minute
     * already decided changes nothing.
     */
    public List<Change> onTick(CorrelationState state, DependencyGraph graph, long now) {
        long minute = minuteOf(now) - 1; // the last closed minute
        if (state.lastTickMinute == Long.MIN_VALUE) {
            state.lastTickMinute = minute - 1;
        }
        if (minute <= state.lastTickMinute) {
            return List.of();
        }
        learn(state, graph, state.lastTickMinute + 1, minute);
        state.lastTickMinute = minute;
        // a status entry nobody refreshed for half a day is a post whose resolution we never saw
        state.status.values().removeIf(s -> s.at() < now - STATUS_MAX_AGE);
        List<Change> changes = decide(state, graph, now);
        long horizon = minute - 180;
        state.tracks.values().forEach(t -> t.prune(horizon));
        state.tracks.values().removeIf(ServiceTrack::isEmpty);
        return changes;
    }

    private void learn(CorrelationState state, DependencyGraph graph, long fromMinute, long toMinute) {
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
            for (DependencyGraph.ProviderIndex p : graph.providers()) {
                TreeMap<Long, Double> tally = state.complaintMinutes.get(p.provider());
                Double weight = tally == null ? null : tally.get(m);
                baseline(state, p.provider()).learn(m * MINUTE, weight == null ? 0 : weight, baselineSettings);
            }
        }
        state.complaintMinutes.values().forEach(t -> t.headMap(toMinute - COMPLAINT_VIEW_MINUTES, true).clear());
        state.complaintMinutes.values().removeIf(Map::isEmpty);
    }

    private ComplaintBaseline baseline(CorrelationState state, String provider) {
        return state.complaintBaselines.computeIfAbsent(provider, p -> new ComplaintBaseline(COMPLAINT_PRIOR_PER_MINUTE));
    }

    /** Decides as of {@code now}, the end of the minute just closed. */
    private List<Change> decide(CorrelationState state, DependencyGraph graph, long now) {
        long minute = minuteOf(now - 1);
        Map<String, ServiceCondition> known = new HashMap<>();
        Function<String, ServiceCondition> conditions = service -> known.computeIfAbsent(service,
                s -> condition(state, s, minute));
        Map<String, ProviderEvidence> evidence = new HashMap<>();
        Function<String, ProviderEvidence> evidenceOf = provider -> evidence.computeIfAbsent(provider,
                p -> evidence(state, p, minute));
        Set<String> unhealthy = new HashSet<>();
        for (Map.Entry<String, ServiceTrack> e : state.tracks.entrySet()) {
            if (conditions.apply(e.getKey()).unhealthy()) {
                unhealthy.add(e.getKey());
            }
        }
        Set<ScopeId> statusScopes = new HashSet<>();
        state.status.values().forEach(s -> statusScopes.add(ScopeId.parse(s.scope())));
        List<ScopeAssessment> assessments = correlator.assess(graph, unhealthy, statusScopes, conditions, evidenceOf);
        ScopeCorrelator.Explained explained = correlator.explain(graph, assessments, conditions, evidenceOf);
        explained = waitForRivals(state, graph, explained, now);
        List<Change> changes = tracker.decide(graph, state.cases, explained, conditions, evidenceOf, now, now);
        tracker.forgetResolved(state.cases, now);
        return changes;
    }

    /**
     * Holds back a new outage whose scope its evidence does not yet tell apart from a related one: in
     * the first minute of a region's failure its compute service's users are often all that fails,
     * and they point at the compute service as well as at the region. A few minutes later the rest of
     * the region's dependents fail (or do not), so the first alert names the right one. The wait is
     * bounded per provider from the first minute held, and the provider's status feed ends it; an
     * outage already open takes in its explanations at once.
     */
    private ScopeCorrelator.Explained waitForRivals(CorrelationState state, DependencyGraph graph,
            ScopeCorrelator.Explained explained, long now) {
        long wait = settings.rivalWaitMinutes() * MINUTE;
        Set<String> waiting = new HashSet<>();
        Set<String> opened = new HashSet<>();
        List<ScopeCorrelator.Explanation> out = new ArrayList<>();
        for (ScopeCorrelator.Explanation e : explained.explanations()) {
            String provider = e.scope().provider();
            boolean opensNew = e.opens() && tracker.opensNewOutage(graph, state.cases.values(), e.scope(), now);
            if (opensNew && wait > 0 && e.rivalGap() < settings.rivalMargin() && e.assessment().statusSeverity() < 0.5) {
                long since = state.waitingSince.computeIfAbsent(provider, p -> now);
                if (now - since < wait) {
                    waiting.add(provider);
                    out.add(new ScopeCorrelator.Explanation(e.assessment(), false, e.rivalGap()));
                    continue;
                }
            }
            if (opensNew) {
                opened.add(provider);
            }
            out.add(e);
        }
        // a wait ends with the outage it held back, or once its provider has had nothing to open for a while
        // (not at once: a failure that flickers in its first minutes must not restart the wait)
        state.waitingSince.entrySet().removeIf(w -> opened.contains(w.getKey())
                || (!waiting.contains(w.getKey()) && now - w.getValue() >= 2 * wait));
        return new ScopeCorrelator.Explained(List.copyOf(out), explained.conditional());
    }

    ServiceCondition condition(CorrelationState state, String service, long minute) {
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

    double baseRate(CorrelationState state, ServiceTrack t) {
        double w = settings.priorWeightMinutes();
        double unhealthy = t == null ? 0 : t.unhealthyMinutes;
        return (unhealthy + settings.priorBaseRate() * w) / (state.minutes + w);
    }

    private ProviderEvidence evidence(CorrelationState state, String provider, long minute) {
        Map<ScopeId, StatusSnapshot.Entry> status = new HashMap<>();
        for (CorrelationState.ScopedStatus s : state.status.values()) {
            ScopeId scope = ScopeId.parse(s.scope());
            if (!scope.provider().equals(provider)) {
                continue;
            }
            StatusSnapshot.Entry entry = new StatusSnapshot.Entry(s.status(), s.incidentId(), s.at());
            status.merge(scope, entry, (a, b) -> StatusSnapshot.severity(a.status()) >= StatusSnapshot.severity(b.status()) ? a : b);
        }
        TreeMap<Long, Double> tally = state.complaintMinutes.getOrDefault(provider, new TreeMap<>());
        ComplaintBaseline baseline = baseline(state, provider);
        double complaints = 0;
        double expected = 0;
        for (long m = minute - COMPLAINT_VIEW_MINUTES + 1; m <= minute; m++) {
            complaints += tally.getOrDefault(m, 0.0);
            expected += baseline.expected(m * MINUTE, baselineSettings);
        }
        double surprise = complaints < 3 ? 0 : Tails.surprise(Tails.poissonUpper((int) Math.floor(complaints), expected));
        return new ProviderEvidence(status, surprise, complaints);
    }

    public static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE);
    }
}
