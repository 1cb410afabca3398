package io.blastradius.streams.correlation;

import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.OutageCase.Hit;
import io.blastradius.streams.correlation.OutageCase.Step;
import io.blastradius.streams.correlation.ScopeCorrelator.Explanation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The outage lifecycle: SUSPECTED → CONFIRMED → ACKNOWLEDGED (the provider's own feed says so) →
 * RECOVERING → RESOLVED, decided at one event time from the provider's current explanations.
 *
 * <p>Entering needs more evidence than staying (see {@link ScopeCorrelator#opens} and
 * {@link ScopeCorrelator#sustains}); an outage recovers only after a few minutes without strong
 * evidence and resolves only after a quiet period, so an oscillating failure stays one outage.
 * A related scope (one containing the other, or sharing a region or global service) failing while
 * an outage is open, or within the merge window after it resolved, joins that outage and widens
 * its scope to their common ancestor.
 */
public final class OutageTracker {
    private final ScopeCorrelator correlator;
    private final CorrelationSettings settings;

    public OutageTracker(ScopeCorrelator correlator) {
        this.correlator = correlator;
        this.settings = correlator.settings();
    }

    /** What one decision changed in one outage. */
    public record Change(OutageCase outage, List<Step> steps, boolean material) {
    }

    /**
     * Applies a decision at event time {@code now}.
     *
     * @param graph the dependency catalog (a failure downstream of an open outage joins it)
     * @param cases the outages, open and recently resolved; new ones are added to it
     * @param explained what explains the failures, and how any scope stands once they are explained
     * @param conditions each service's condition at {@code asOf}
     * @param evidence each provider's own evidence (status feed, complaints)
     * @param asOf the event time the assessments describe (a new outage is detected at it)
     * @param now the latest decision time so far ({@code >= asOf}); lifecycle steps happen at it
     * @return the outages that changed, with the transitions that happened
     */
    public List<Change> decide(DependencyGraph graph, Map<String, OutageCase> cases, ScopeCorrelator.Explained explained,
            Function<String, ServiceCondition> conditions, Function<String, ProviderEvidence> evidence, long asOf, long now) {
        Map<String, List<Step>> steps = new HashMap<>();
        Set<String> material = new LinkedHashSet<>();
        Set<String> touched = new LinkedHashSet<>();

        for (Explanation e : explained.explanations()) {
            OutageCase c = related(graph, cases.values(), e.scope(), now);
            if (c == null) {
                if (!e.opens()) {
                    continue;
                }
                c = new OutageCase(e.scope(), asOf);
                c.lastActiveAt = asOf;
                c.lastStrongAt = asOf;
                cases.put(c.id, c);
                step(c, OutageState.SUSPECTED, asOf, describe(e.assessment()), steps);
                material.add(c.id);
            } else if (!c.isOpen()) {
                if (!e.opens()) {
                    continue;
                }
                c.resolved = null;
                c.peakUnits = 0;
                step(c, c.confirmed != null ? OutageState.CONFIRMED : OutageState.SUSPECTED, now,
                        "reopened: " + describe(e.assessment()), steps);
                material.add(c.id);
            }
            touched.add(c.id);
            if (absorb(c, e, conditions, asOf)) {
                material.add(c.id);
            }
        }

        for (OutageCase c : cases.values()) {
            if (!c.isOpen()) {
                continue;
            }
            if (!touched.contains(c.id)) {
                ScopeAssessment own = explained.conditional().apply(c.scope());
                if (correlator.sustains(own)) {
                    c.lastActiveAt = Math.max(c.lastActiveAt, asOf);
                    if (own.unhealthy() * 4 > c.peakUnits) {
                        c.lastStrongAt = Math.max(c.lastStrongAt, asOf);
                    }
                    updateEvidence(c, own);
                }
            }
            advance(c, evidence.apply(c.provider()), asOf, now, steps, material);
        }

        List<Change> changes = new ArrayList<>();
        for (OutageCase c : cases.values()) {
            List<Step> s = steps.getOrDefault(c.id, List.of());
            if (!s.isEmpty() || material.contains(c.id)) {
                c.updatedAt = now;
                changes.add(new Change(c, s, true));
            }
        }
        return changes;
    }

    /** Drops resolved outages that can no longer be reopened. */
    public void forgetResolved(Map<String, OutageCase> cases, long now) {
        long window = minutes(settings.mergeWindowMinutes());
        cases.values().removeIf(c -> !c.isOpen() && c.resolved != null && now - c.resolved > window);
    }

    /** Whether an explanation of {@code scope} at {@code now} would open a new outage rather than join or reopen one. */
    boolean opensNewOutage(DependencyGraph graph, Collection<OutageCase> cases, ScopeId scope, long now) {
        return related(graph, cases, scope, now) == null;
    }

    private OutageCase related(DependencyGraph graph, Collection<OutageCase> cases, ScopeId scope, long now) {
        OutageCase best = null;
        for (OutageCase c : cases) {
            if (!c.provider().equals(scope.provider())) {
                continue;
            }
            // an open outage also takes in what fails at a scope sharing part of it (a regional outage hits
            // the global services homed there) or linked to it inside the provider (Cloud Storage on Service
            // Control, EC2 launches on DynamoDB): one incident of one provider, told once
            if (!Scopes.related(c.scope(), scope) && !(c.isOpen() && (Scopes.intersect(c.scope(), scope)
                    || graph.scopeDependsOn(scope, c.scope()) || graph.scopeDependsOn(c.scope(), scope)))) {
                continue;
            }
            if (!c.isOpen() && (c.resolved == null || now - c.resolved > minutes(settings.mergeWindowMinutes()))) {
                continue;
            }
            if (best == null || (c.isOpen() && !best.isOpen()) || (c.isOpen() == best.isOpen() && c.lastActiveAt > best.lastActiveAt)) {
                best = c;
            }
        }
        return best;
    }

    private boolean absorb(OutageCase c, Explanation e, Function<String, ServiceCondition> conditions, long asOf) {
        ScopeAssessment a = e.assessment();
        boolean changed = false;
        long now = asOf;
        c.lastActiveAt = Math.max(c.lastActiveAt, asOf);
        if (a.unhealthy() * 4 > c.peakUnits) {
            c.lastStrongAt = Math.max(c.lastStrongAt, asOf);
        }
        if (e.opens() && !c.scope().contains(a.scope()) && Scopes.related(c.scope(), a.scope())) {
            ScopeId wider = Scopes.commonAncestor(c.scope(), a.scope());
            if (wider != null && !wider.equals(c.scope())) {
                c.scope = wider.toString();
                changed = true;
            }
        }
        List<String> hitNow = new ArrayList<>(a.unhealthyServices());
        hitNow.addAll(a.touched());
        for (String service : hitNow) {
            ServiceCondition cond = conditions.apply(service);
            Hit hit = c.observed.get(service);
            long since = cond.since() > 0 ? Math.min(cond.since(), now) : now;
            if (hit == null) {
                c.observed.put(service, new Hit(since, now, cond.score()));
                changed = true;
            } else {
                hit.lastSeen = now;
                hit.score = Math.max(hit.score, cond.score());
            }
        }
        c.onset = Math.min(c.onset, correlatedSince(a, conditions, now));
        if (a.unhealthy() > c.peakUnits) {
            c.peakUnits = a.unhealthy();
        }
        double before = c.confidence;
        updateEvidence(c, a);
        if (Math.abs(before - c.confidence) >= 0.05) {
            changed = true;
        }
        return changed;
    }

    /**
     * When the failures an assessment explains began together: the moment the {@code minUnits}-th
     * independent unit started failing. The first failing dependent alone is a poor onset: one that
     * had its own trouble for half an hour before the provider failed would date the outage from then.
     */
    private long correlatedSince(ScopeAssessment a, Function<String, ServiceCondition> conditions, long now) {
        List<Long> starts = new ArrayList<>();
        for (List<String> unit : a.unhealthyUnits().values()) {
            long first = now;
            for (String service : unit) {
                long since = conditions.apply(service).since();
                if (since > 0) {
                    first = Math.min(first, since);
                }
            }
            starts.add(first);
        }
        if (starts.isEmpty()) {
            return now;
        }
        starts.sort(null);
        return starts.get(Math.min(starts.size(), settings.minUnits()) - 1);
    }

    private void updateEvidence(OutageCase c, ScopeAssessment a) {
        c.evidence.unhealthyUnits = a.unhealthy();
        c.evidence.totalUnits = a.units();
        c.evidence.expected = a.expected();
        c.evidence.surprise = a.surprise();
        c.evidence.attributedUnits = a.attributedUnits();
        c.evidence.hitShare = a.hitShare();
        c.confidence = c.acknowledged != null ? Math.max(a.confidence(), 0.99) : a.confidence();
    }

    private void advance(OutageCase c, ProviderEvidence evidence, long asOf, long now, Map<String, List<Step>> steps,
            Set<String> material) {
        StatusSnapshot.Entry status = evidence.statusAbout(c.scope());
        ScopeId named = evidence.statusScopeAbout(c.scope());
        if (status != null && StatusSnapshot.severity(status.status()) >= 0.5 && status.incidentId() != null
                && c.statusIncidents.add(status.incidentId())) {
            material.add(c.id);
        }
        boolean acknowledgedNow = status != null && StatusSnapshot.severity(status.status()) >= 0.5;
        long quietFor = now - c.lastActiveAt;
        long weakFor = now - c.lastStrongAt;
        boolean activeNow = c.lastActiveAt >= asOf;
        boolean strongNow = activeNow && c.lastStrongAt >= asOf;
        switch (c.state) {
            case SUSPECTED -> {
                if (acknowledgedNow) {
                    // through CONFIRMED, so subscribers that act on confirmation never miss it
                    step(c, OutageState.CONFIRMED, now, "confirmed by the provider's status feed", steps);
                    acknowledge(c, named, status, now, steps);
                } else if (c.confidence >= settings.confirmConfidence() && activeNow) {
                    step(c, OutageState.CONFIRMED, now, "confirmed: " + evidenceText(c), steps);
                } else if (quietFor >= minutes(settings.retractAfterMinutes())) {
                    step(c, OutageState.RESOLVED, now, "withdrawn: evidence faded before confirmation", steps);
                }
            }
            case CONFIRMED, ACKNOWLEDGED -> {
                if (c.state == OutageState.CONFIRMED && acknowledgedNow) {
                    acknowledge(c, named, status, now, steps);
                } else if (weakFor >= minutes(settings.recoverAfterMinutes())) {
                    c.stateBeforeRecovering = c.state;
                    step(c, OutageState.RECOVERING, now, "recovering: " + c.evidence.unhealthyUnits
                            + " of " + c.peakUnits + " dependents still failing", steps);
                }
            }
            case RECOVERING -> {
                if (strongNow) {
                    OutageState back = c.stateBeforeRecovering != null ? c.stateBeforeRecovering : OutageState.CONFIRMED;
                    if (back == OutageState.CONFIRMED && acknowledgedNow) {
                        back = OutageState.ACKNOWLEDGED;
                    }
                    step(c, back, now, "impact returned: " + evidenceText(c), steps);
                } else if (quietFor >= minutes(settings.resolveQuietMinutes())) {
                    step(c, OutageState.RESOLVED, now, "resolved: no correlated failures for "
                            + settings.resolveQuietMinutes() + " min", steps);
                }
            }
            default -> {
            }
        }
    }

    private void acknowledge(OutageCase c, ScopeId named, StatusSnapshot.Entry status, long now, Map<String, List<Step>> steps) {
        c.confidence = Math.max(c.confidence, 0.99);
        if (c.acknowledged == null && named != null && adoptsNamedScope(c.scope(), named)) {
            c.scope = named.toString();
        }
        step(c, OutageState.ACKNOWLEDGED, now, "provider status feed reports " + status.status().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + (status.incidentId() == null ? "" : " (incident " + status.incidentId() + ")"), steps);
        if (c.acknowledged == null) {
            c.acknowledged = Math.min(now, Math.max(status.at(), c.detected));
        }
    }

    /**
     * Whether an outage at {@code ours} takes the scope its provider names when it first acknowledges:
     * a part inside ours (the provider knows which of its services fails), or the same provider
     * service in every region (the dependents of a global service may all sit in one region). Never
     * a wider kind of scope: when only DynamoDB users fail, a post about the region does not make it
     * a regional outage.
     */
    static boolean adoptsNamedScope(ScopeId ours, ScopeId named) {
        if (named.equals(ours)) {
            return false;
        }
        return ours.contains(named) || (named.contains(ours) && ours.service() != null && ours.service().equals(named.service()));
    }

    private void step(OutageCase c, OutageState to, long now, String reason, Map<String, List<Step>> steps) {
        OutageState from = c.state;
        c.sequence++;
        Step s = new Step(c.sequence, from, to, now, reason);
        c.transitions.add(s);
        c.state = to;
        switch (to) {
            case CONFIRMED -> {
                if (c.confirmed == null) {
                    c.confirmed = now;
                }
                c.recovering = null;
            }
            case ACKNOWLEDGED -> c.recovering = null;
            case RECOVERING -> c.recovering = now;
            case RESOLVED -> c.resolved = now;
            default -> {
            }
        }
        steps.computeIfAbsent(c.id, k -> new ArrayList<>()).add(s);
    }

    private static String describe(ScopeAssessment a) {
        return String.format(Locale.ROOT, "%d of %d independent dependents of %s failing (%.1f expected, 1 in 10^%.1f by chance)",
                a.unhealthy(), a.units(), a.scope(), a.expected(), a.surprise());
    }

    private static String evidenceText(OutageCase c) {
        return String.format(Locale.ROOT, "%d of %d independent dependents of %s failing, confidence %.2f",
                c.evidence.unhealthyUnits, c.evidence.totalUnits, c.scope, c.confidence);
    }

    private static long minutes(int m) {
        return m * 60_000L;
    }
}
