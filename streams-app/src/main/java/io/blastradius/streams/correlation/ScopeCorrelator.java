package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph.Dependent;
import io.blastradius.streams.correlation.DependencyGraph.ProviderIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides which of a provider's scopes are failing, from the health of their dependents.
 *
 * <p>For each scope: independent units are organisations (two services of one company are one
 * failure; a service hit through another unhealthy service is counted with that service). The
 * count of unhealthy units is tested against their usual failure rates with the binomial tail, so
 * a single service's own incident or a couple of coincidences are not an outage. Among the
 * significant scopes the explanation is the one with the highest log-likelihood ratio of "this
 * scope is down, hitting a share of its dependents" against "nothing is down": a broad scope pays
 * for every healthy dependent it would wrongly claim, a narrow one for every unhealthy dependent it
 * leaves unexplained. So DynamoDB users failing alone point at aws/us-east-1/dynamodb, failures
 * across a region's services at the region, and several regions at the whole provider.
 */
public final class ScopeCorrelator {
    private final CorrelationSettings settings;

    public ScopeCorrelator(CorrelationSettings settings) {
        this.settings = settings;
    }

    public CorrelationSettings settings() {
        return settings;
    }

    /** Assesses every scope of the provider that has at least one unhealthy dependent, best explanation first. */
    public List<ScopeAssessment> assess(DependencyGraph graph, ProviderIndex index,
            Function<String, ServiceCondition> conditions, ProviderEvidence evidence) {
        List<ScopeAssessment> result = new ArrayList<>();
        Map<String, ServiceCondition> cache = new HashMap<>();
        Function<String, ServiceCondition> condition = s -> cache.computeIfAbsent(s, conditions);
        for (ScopeId scope : index.scopes()) {
            ScopeAssessment a = assess(graph, scope, index.dependents(scope), condition, evidence);
            if (a.unhealthy() > 0 || a.statusSeverity() > 0) {
                result.add(a);
            }
        }
        result.sort(Comparator.comparingDouble(ScopeAssessment::logLikelihoodRatio).reversed()
                .thenComparing(a -> -a.scope().specificity())
                .thenComparing(ScopeAssessment::scope));
        return result;
    }

    ScopeAssessment assess(DependencyGraph graph, ScopeId scope, Map<String, Dependent> dependents,
            Function<String, ServiceCondition> condition, ProviderEvidence evidence) {
        Map<String, Double> orgRate = new TreeMap<>();
        Map<String, List<String>> units = new TreeMap<>();
        Set<String> orgsWithUnhealthy = new HashSet<>();
        Map<String, Boolean> attributed = new HashMap<>();
        for (Dependent d : dependents.values()) {
            ServiceCondition c = condition.apply(d.service());
            String org = graph.organization(d.service());
            orgRate.merge(org, c.baseRate(), Math::max);
            if (!c.unhealthy()) {
                continue;
            }
            orgsWithUnhealthy.add(org);
            String unit = org;
            for (String via : d.intermediaries()) {
                if (condition.apply(via).unhealthy()) {
                    unit = graph.organization(via);
                    break;
                }
            }
            units.computeIfAbsent(unit, u -> new ArrayList<>()).add(d.service());
            if (attributesTo(c, scope)) {
                attributed.put(unit, true);
            }
        }
        units.values().forEach(l -> l.sort(null));
        // organisations whose failures are all explained through another unit are not independent trials
        Set<String> absorbed = new HashSet<>(orgsWithUnhealthy);
        absorbed.removeAll(units.keySet());
        int n = orgRate.size() - absorbed.size();
        int k = units.size();
        double expected = 0;
        for (Map.Entry<String, Double> e : orgRate.entrySet()) {
            if (!absorbed.contains(e.getKey())) {
                expected += e.getValue();
            }
        }
        double meanRate = n == 0 ? settings.priorBaseRate() : Math.min(0.5, expected / n);
        double surprise = k == 0 ? 0 : Tails.surprise(Tails.binomialUpper(k, n, meanRate));
        double hit = n == 0 ? 0 : (k + 0.5) / (n + 1.0);
        double llr = 0;
        if (k > 0 && hit > meanRate) {
            for (Map.Entry<String, Double> e : orgRate.entrySet()) {
                String org = e.getKey();
                double p = Math.min(0.5, Math.max(1e-6, e.getValue()));
                if (units.containsKey(org)) {
                    llr += Math.log(hit / p);
                } else if (!absorbed.contains(org)) {
                    llr += Math.log((1 - hit) / (1 - p));
                }
            }
        }
        StatusSnapshot.Entry status = evidence.statusAbout(scope);
        double statusSeverity = status == null ? 0 : StatusSnapshot.severity(status.status());
        double confidence = confidence(surprise, k, attributed.size(), statusSeverity, evidence.complaintSurprise());
        return new ScopeAssessment(scope, n, units, expected, surprise, llr, hit, attributed.size(), statusSeverity,
                status == null ? null : status.incidentId(), confidence);
    }

    /**
     * Statistical surprise turned into a belief, raised by each piece of direct evidence as an
     * independent witness.
     */
    double confidence(double surprise, int unhealthyUnits, int attributedUnits, double statusSeverity,
            double providerComplaintSurprise) {
        double statistical = 1 / (1 + Math.exp(-(surprise - (settings.enterSurprise() + 1)) / 0.8));
        double probes = unhealthyUnits == 0 ? 0 : 0.5 * attributedUnits / (double) unhealthyUnits;
        double complaints = providerComplaintSurprise >= 4 ? Math.min(0.5, 0.1 * providerComplaintSurprise) : 0;
        double status = unhealthyUnits == 0 ? 0.5 * statusSeverity : statusSeverity;
        return 1 - (1 - statistical) * (1 - probes) * (1 - complaints) * (1 - status);
    }

    /**
     * The explanations of what is failing: greedily, the best-explaining significant scope, then the
     * next one that explains enough units not yet explained, and so on.
     */
    public List<Explanation> explain(List<ScopeAssessment> assessments) {
        List<Explanation> result = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        for (ScopeAssessment a : assessments) {
            if (!sustains(a)) {
                continue;
            }
            int fresh = 0;
            for (String unit : a.unhealthyUnits().keySet()) {
                if (!explained.contains(unit)) {
                    fresh++;
                }
            }
            if (fresh < settings.stayUnits()) {
                continue;
            }
            explained.addAll(a.unhealthyUnits().keySet());
            result.add(new Explanation(a, opens(a)));
        }
        return result;
    }

    /** Strong enough to open an outage. */
    public boolean opens(ScopeAssessment a) {
        return a.unhealthy() >= settings.minUnits()
                && (a.surprise() >= settings.enterSurprise() || a.statusSeverity() >= 0.5)
                && a.confidence() >= settings.suspectConfidence();
    }

    /** Strong enough to keep a related outage active. */
    public boolean sustains(ScopeAssessment a) {
        return a.unhealthy() >= settings.stayUnits() && a.surprise() >= settings.staySurprise();
    }

    private static boolean attributesTo(ServiceCondition c, ScopeId scope) {
        for (String s : c.attributedScopes()) {
            if (ScopeId.looksLikeScope(s)) {
                try {
                    if (Scopes.overlap(scope, ScopeId.parse(s))) {
                        return true;
                    }
                } catch (IllegalArgumentException ignored) {
                    // an unparseable attribution is no evidence; validation upstream should have caught it
                }
            }
        }
        return false;
    }

    /** A scope chosen to explain part of what fails; {@code opens} when it is strong enough to open an outage. */
    public record Explanation(ScopeAssessment assessment, boolean opens) {
        public ScopeId scope() {
            return assessment.scope();
        }
    }
}
