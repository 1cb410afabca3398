package io.blastradius.evaluation.score;

import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The matching rule of {@code docs/truth-format.md}: a detection matches a true outage when one of its
 * scopes equals the outage's scope or a phase scope, or contains a phase scope while lying inside the
 * outage's scope, and its {@code detected} time falls in {@code [onset, end]}.
 */
public final class Matching {
    private Matching() {
    }

    /** True when a detection with {@code scope} is about {@code outage}, ignoring time. */
    public static boolean scopeMatches(ScopeId scope, TrueOutage outage) {
        return outage.scope().contains(scope) && outage.phases().stream().anyMatch(p -> scope.contains(p.scope()));
    }

    /** True when {@code detection} matches {@code outage} by scope (any of its versions') and time. */
    public static boolean matches(Detection detection, TrueOutage outage) {
        return outage.spans(detection.detected())
                && detection.scopes().stream().anyMatch(scope -> scopeMatches(scope, outage));
    }

    /**
     * The true outage a detection counts for when it matches several (nested or overlapping outages):
     * first the one with a phase active at detection whose scope equals the detection's first scope,
     * then one its first scope matches (rather than a later version's), then the most specific outage
     * scope, then the latest onset.
     */
    public static Optional<TrueOutage> bestMatch(Detection detection, List<TrueOutage> outages) {
        ScopeId first = detection.firstScope();
        Instant at = detection.detected();
        Comparator<TrueOutage> preference = Comparator
                .comparing((TrueOutage t) -> t.phases().stream()
                        .anyMatch(p -> p.scope().equals(first) && !at.isBefore(p.from()) && !at.isAfter(p.until())))
                .thenComparing(t -> scopeMatches(first, t))
                .thenComparingInt(t -> t.scope().specificity())
                .thenComparing(TrueOutage::onset)
                .thenComparing(TrueOutage::id, Comparator.reverseOrder());
        return outages.stream().filter(t -> matches(detection, t)).max(preference);
    }
}
