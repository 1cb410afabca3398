package io.blastradius.evaluation.score;

import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.OutageTransition;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One outage id the pipeline declared, with its history: the versions of the {@link Outage} record
 * ordered by {@code updatedAt} (event time of the evidence behind each) and its lifecycle transitions.
 * Every time here is event time.
 */
public final class Detection {
    static final Comparator<Detection> BY_DETECTION =
            Comparator.comparing(Detection::detected).thenComparing(Detection::outageId);

    private final String outageId;
    private final List<Outage> versions;
    private final List<Transition> transitions;

    private Detection(String outageId, List<Outage> versions, List<Transition> transitions) {
        this.outageId = outageId;
        this.versions = versions;
        this.transitions = transitions;
    }

    /**
     * Builds the history of {@code outageId} from its records on the outage topic and the outage
     * snapshots carried by its alerts. Versions are ordered by {@code updatedAt}; on a tie an outage
     * record goes after an alert's snapshot (the topic holds the current view), then arrival order.
     */
    static Detection of(String outageId, List<Outage> ownVersions, List<OutageAlert> alerts) {
        record Ranked(Outage outage, int source, int index) {
        }
        // No de-duplication: an alert's snapshot equal to a topic record changes no timing or set, and
        // Avro's equals() cannot compare arrays of records holding nullable timestamps (it throws).
        List<Ranked> ranked = new ArrayList<>();
        for (OutageAlert alert : alerts) {
            if (alert.getOutage() != null) {
                ranked.add(new Ranked(alert.getOutage(), 0, ranked.size()));
            }
        }
        for (Outage version : ownVersions) {
            ranked.add(new Ranked(version, 1, ranked.size()));
        }
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("outage " + outageId + " has neither versions nor alert snapshots");
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.outage().getUpdatedAt())
                .thenComparingInt(Ranked::source).thenComparingInt(Ranked::index));
        List<Outage> versions = ranked.stream().map(Ranked::outage).toList();
        return new Detection(outageId, versions, transitions(alerts, versions));
    }

    /** The transitions from the alerts when there are any, else from the latest version's own list. */
    private static List<Transition> transitions(List<OutageAlert> alerts, List<Outage> versions) {
        if (!alerts.isEmpty()) {
            return alerts.stream()
                    .sorted(Comparator.comparingInt(OutageAlert::getSequence))
                    .map(a -> new Transition(a.getPreviousState(), a.getState(), a.getAt(), a.getReason()))
                    .toList();
        }
        List<OutageTransition> own = versions.get(versions.size() - 1).getTransitions();
        return own.stream().map(t -> new Transition(t.getFrom(), t.getTo(), t.getAt(), t.getReason())).toList();
    }

    public String outageId() {
        return outageId;
    }

    /** Event time the pipeline first suspected the outage: the earliest {@code detected} of any version. */
    public Instant detected() {
        return versions.stream().map(Outage::getDetected).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** The scope as first announced. */
    public ScopeId firstScope() {
        return ScopeId.parse(versions.get(0).getScope());
    }

    /** Every scope the outage carried over its versions, in order of first appearance. */
    public List<ScopeId> scopes() {
        Set<ScopeId> scopes = new LinkedHashSet<>();
        versions.forEach(v -> scopes.add(ScopeId.parse(v.getScope())));
        return List.copyOf(scopes);
    }

    public List<Outage> versions() {
        return versions;
    }

    /** The current view: the last version. */
    public Outage latest() {
        return versions.get(versions.size() - 1);
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** The most advanced state reached (by lifecycle order). */
    public OutageState furthestState() {
        OutageState furthest = OutageState.SUSPECTED;
        for (Outage v : versions) {
            if (v.getState().ordinal() > furthest.ordinal()) {
                furthest = v.getState();
            }
        }
        for (Transition t : transitions) {
            if (t.to().ordinal() > furthest.ordinal()) {
                furthest = t.to();
            }
        }
        return furthest;
    }

    /** Event time of resolution in the latest version, or null while unresolved. */
    public Instant resolved() {
        return latest().getResolved();
    }

    /**
     * The services listed as observed at event time {@code time}: those of the latest version with
     * {@code updatedAt <= time}; nothing before the first version or once that version is resolved.
     */
    public Set<String> observedAt(Instant time) {
        Outage current = null;
        for (Outage v : versions) {
            if (v.getUpdatedAt().isAfter(time)) {
                break;
            }
            current = v;
        }
        if (current == null || current.getState() == OutageState.RESOLVED) {
            return Set.of();
        }
        return services(current.getBlastRadius().getObserved());
    }

    /** Observed services of the latest version. */
    public Set<String> finalObserved() {
        return services(latest().getBlastRadius().getObserved());
    }

    /** Every service listed as observed by any version. */
    public Set<String> everObserved() {
        return firstListed().keySet();
    }

    /** For each service ever listed as observed, the {@code updatedAt} of the first version listing it. */
    public Map<String, Instant> firstListed() {
        return firstAppearance(false);
    }

    /** For each service ever listed at risk, the {@code updatedAt} of the first version listing it so. */
    public Map<String, Instant> firstAtRisk() {
        return firstAppearance(true);
    }

    private Map<String, Instant> firstAppearance(boolean atRisk) {
        Map<String, Instant> first = new HashMap<>();
        for (Outage v : versions) {
            List<ImpactedService> listed = atRisk ? v.getBlastRadius().getAtRisk() : v.getBlastRadius().getObserved();
            for (ImpactedService s : listed) {
                first.merge(s.getService(), v.getUpdatedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }

    private static Set<String> services(List<ImpactedService> listed) {
        Set<String> services = new LinkedHashSet<>();
        listed.forEach(s -> services.add(s.getService()));
        return services;
    }

    @Override
    public String toString() {
        return outageId + " " + firstScope() + " @" + detected();
    }

    /** One lifecycle step of a detection. */
    public record Transition(OutageState from, OutageState to, Instant at, String reason) {
    }
}
