package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import java.util.List;
import java.util.Map;

/**
 * How one scope stands at one moment: its dependents counted as independent units (organisations;
 * a service hit through another unhealthy service counts with it), how many of them are unhealthy,
 * how many would be by chance, and how well "this scope is down" explains what is seen.
 *
 * @param units independent dependents (organisations) of the scope
 * @param unhealthyUnits unit key (organisation) to the unhealthy services in it
 * @param expected unhealthy units expected by chance from their usual failure rates
 * @param surprise -log10 of the chance of at least this many unhealthy units by coincidence
 * @param logLikelihoodRatio ln of how much better "the scope is down" explains the dependents than chance
 * @param hitShare estimated share of the scope's units that are hit
 * @param attributedUnits unhealthy units whose failing checks' addresses attribute to a related scope
 * @param confidence 0..1 belief that this scope has a provider-level outage
 * @param touched unhealthy services that do not depend on the scope but that its outage may touch
 *     ({@link DependencyGraph#maybeAffected}): explained by it, yet not counted among its units
 */
public record ScopeAssessment(ScopeId scope, int units, Map<String, List<String>> unhealthyUnits, double expected,
        double surprise, double logLikelihoodRatio, double hitShare, int attributedUnits, double statusSeverity,
        String statusIncident, double confidence, List<String> touched) {

    /** Unhealthy independent units. */
    public int unhealthy() {
        return unhealthyUnits.size();
    }

    /** Every unhealthy service the scope explains. */
    public List<String> unhealthyServices() {
        return unhealthyUnits.values().stream().flatMap(List::stream).sorted().toList();
    }
}
