package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.BlastRadiusView.Impacted;
import io.blastradius.streams.correlation.DependencyGraph.Dependent;
import io.blastradius.streams.correlation.DependencyGraph.ProviderIndex;
import io.blastradius.streams.correlation.OutageCase.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Computes an outage's blast radius from the catalog: every service seen hit (with the path by
 * which the scope reaches it), every other dependent of the scope as at risk, and the user bases
 * behind both.
 */
public final class BlastRadiusCalculator {
    private BlastRadiusCalculator() {
    }

    public static BlastRadiusView compute(DependencyGraph graph, OutageCase outage) {
        ScopeId scope = outage.scope();
        ProviderIndex index = graph.provider(scope.provider());
        Map<String, Dependent> dependents = index == null ? Map.of() : index.dependents(scope);
        List<Impacted> observed = new ArrayList<>();
        long observedUsers = 0;
        int secondOrder = 0;
        for (Map.Entry<String, Hit> e : outage.observed().entrySet()) {
            String service = e.getKey();
            Dependent d = dependents.get(service);
            List<String> path = d != null ? d.path() : List.of(service, scope.toString());
            String kind = d != null ? d.kind() : "OTHER";
            DependencyGraph.ServiceMeta meta = graph.service(service);
            observed.add(new Impacted(service, meta.name(), path, kind, e.getValue().firstEvidence(),
                    Math.min(1, e.getValue().score()), meta.users()));
            observedUsers += meta.users();
            if (path.size() > 2) {
                secondOrder++;
            }
        }
        double hitShare = Math.max(0.05, Math.min(1, outage.evidence().hitShare()));
        List<Impacted> atRisk = new ArrayList<>();
        long atRiskUsers = 0;
        for (Dependent d : dependents.values()) {
            if (outage.observed().containsKey(d.service())) {
                continue;
            }
            DependencyGraph.ServiceMeta meta = graph.service(d.service());
            double chance = DependencyGraph.CRITICAL.equals(d.criticality()) ? hitShare : hitShare / 2;
            atRisk.add(new Impacted(d.service(), meta.name(), d.path(), d.kind(), null, chance, meta.users()));
            atRiskUsers += meta.users();
        }
        observed.sort(Comparator.comparing((Impacted i) -> i.firstEvidence() == null ? Long.MAX_VALUE : i.firstEvidence())
                .thenComparing(Impacted::service));
        atRisk.sort(Comparator.comparingLong((Impacted i) -> -i.users()).thenComparing(Impacted::service));
        return new BlastRadiusView(List.copyOf(observed), List.copyOf(atRisk), observedUsers, atRiskUsers, secondOrder);
    }
}
