package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph.Dependent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

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

    /**
     * Assesses every scope some unhealthy service depends on, and every scope a status feed speaks
     * about, best explanation first.
     */
    public List<ScopeAssessment> assess(DependencyGraph graph, Set<String> unhealthy, Set<ScopeId> statusScopes,
            Function<String, ServiceCondition> conditions, Function<String, ProviderEvidence> evidence) {
        Set<ScopeId> candidates = new TreeSet<>(statusScopes);
        for (String service : unhealthy) {
            candidates.addAll(graph.scopesOf(service));
        }
        List<ScopeAssessment> result = new ArrayList<>();
        for (ScopeId scope : candidates) {
            ScopeAssessment a = assess(graph, scope, graph.dependents(scope), conditions, evidence.apply(scope.provider()),
                    s -> false);
            if (a.unhealthy() > 0 || a.statusSeverity() > 0) {
                result.add(a);
            }
        }
        result.sort(BEST_FIRST);
        return result;
    }

    /** Higher likelihood ratio first; on a tie the more specific scope, then by name. */
    static final Comparator<ScopeAssessment> BEST_FIRST = Comparator.comparingDouble(ScopeAssessment::logLikelihoodRatio)
            .reversed()
            .thenComparing(a -> -a.scope().specificity())
            .thenComparing(ScopeAssessment::scope);

    ScopeAssessment assess(DependencyGraph graph, ScopeId scope, Map<String, Dependent> dependents,
            Function<String, ServiceCondition> condition, ProviderEvidence evidence) {
        return assess(graph, scope, dependents, condition, evidence, s -> false);
    }

    /**
     * Assesses one scope; the services {@code explained} says are explained by another outage are
     * left out, as if they did not depend on the scope (they tell nothing about it).
     */
    ScopeAssessment assess(DependencyGraph graph, ScopeId scope, Map<String, Dependent> dependents,
            Function<String, ServiceCondition> condition, ProviderEvidence evidence, Predicate<String> explained) {
        Map<String, Double> orgRate = new TreeMap<>();
        // an organisation's strongest dependency on the scope: critical paths fail with it, degrading ones seldom
        Set<String> criticalOrgs = new HashSet<>();
        Map<String, List<String>> units = new TreeMap<>();
        Set<String> orgsWithUnhealthy = new HashSet<>();
        Map<String, Boolean> attributed = new HashMap<>();
        for (Dependent d : dependents.values()) {
            if (explained.test(d.service())) {
                continue;
            }
            ServiceCondition c = condition.apply(d.service());
            String org = graph.organization(d.service());
            orgRate.merge(org, c.baseRate(), Math::max);
            if (DependencyGraph.CRITICAL.equals(d.criticality())) {
                criticalOrgs.add(org);
            }
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
        // organisations an outage of the scope may touch without depending on it: weak witnesses either way
        Map<String, Double> maybeRate = new TreeMap<>();
        Set<String> maybeUnhealthy = new HashSet<>();
        List<String> touched = new ArrayList<>();
        for (Dependent d : graph.maybeAffected(scope).values()) {
            String org = graph.organization(d.service());
            if (explained.test(d.service()) || orgRate.containsKey(org)) {
                continue;
            }
            ServiceCondition c = condition.apply(d.service());
            maybeRate.merge(org, c.baseRate(), Math::max);
            if (c.unhealthy()) {
                maybeUnhealthy.add(org);
                touched.add(d.service());
            }
        }
        double llr = k > 0 && hit > meanRate
                ? logLikelihoodRatio(orgRate, units.keySet(), absorbed, criticalOrgs, maybeRate, maybeUnhealthy)
                : 0;
        StatusSnapshot.Entry status = evidence.statusAbout(scope);
        double statusSeverity = status == null ? 0 : StatusSnapshot.severity(status.status());
        double confidence = confidence(surprise, k, attributed.size(), statusSeverity, evidence.complaintSurprise());
        return new ScopeAssessment(scope, n, units, expected, surprise, llr, hit, attributed.size(), statusSeverity,
                status == null ? null : status.incidentId(), confidence, List.copyOf(touched));
    }

    /**
     * ln of how much better "the scope is down" explains its dependents than "nothing is down". Under
     * the outage, dependents fail at a share estimated from what is seen, separately for those that
     * depend on the scope critically and those whose path is only degrading (a DynamoDB outage fails
     * DynamoDB's own users, and EC2's users only where launches matter); without it, each at its usual
     * rate. So a scope is not favoured merely for having fewer dependents: one whose critical
     * dependents fail densely beats one that claims many that stay healthy. Each share fitted to what
     * is seen is paid for ({@link #occam}): a scope whose dependents split into critical and
     * degrading ones fits two shares to the same failures and must explain them better by more than
     * that freedom buys (DynamoDB, which every EC2 user reaches through EC2's launch path, against EC2).
     */
    /** The largest share of its degrading dependents a scope's outage is taken to fail, relative to its critical ones. */
    static final double DEGRADING_SHARE = 0.5;

    static double logLikelihoodRatio(Map<String, Double> orgRate, Set<String> unhealthy, Set<String> absorbed,
            Set<String> critical, Map<String, Double> maybeRate, Set<String> maybeUnhealthy) {
        int[] n = new int[3];
        int[] k = new int[3];
        for (String org : orgRate.keySet()) {
            if (absorbed.contains(org)) {
                continue;
            }
            int cls = critical.contains(org) ? 0 : 1;
            n[cls]++;
            if (unhealthy.contains(org)) {
                k[cls]++;
            }
        }
        n[2] = maybeRate.size();
        k[2] = maybeUnhealthy.size();
        double criticalHit = (k[0] + 0.5) / (n[0] + 1.0);
        // a degrading path fails its dependent less often than a critical one (at most half as often):
        // a scope whose degrading dependents fail as densely as its critical ones is not what fails;
        // the same bound holds for those the outage may only touch
        double degradingHit = Math.min((k[1] + 0.5) / (n[1] + 1.0), DEGRADING_SHARE * criticalHit);
        double maybeHit = Math.min((k[2] + 0.5) / (n[2] + 1.0), DEGRADING_SHARE * criticalHit);
        double llr = 0;
        for (Map.Entry<String, Double> e : orgRate.entrySet()) {
            String org = e.getKey();
            if (!absorbed.contains(org)) {
                llr += term(e.getValue(), critical.contains(org) ? criticalHit : degradingHit, unhealthy.contains(org));
            }
        }
        for (Map.Entry<String, Double> e : maybeRate.entrySet()) {
            llr += term(e.getValue(), maybeHit, maybeUnhealthy.contains(e.getKey()));
        }
        return llr - occam(k[0], n[0]) - occam(k[1], n[1]);
    }

    /**
     * What fitting a class's hit share to its own dependents gains over not knowing it in advance:
     * ln of the best-fitting binomial likelihood minus ln of the likelihood averaged over every share
     * (the Beta-binomial). A scope whose dependents split into two classes fits two shares, and
     * pays for the second.
     */
    static double occam(int k, int n) {
        if (n == 0) {
            return 0;
        }
        double h = k / (double) n;
        double best = (k == 0 ? 0 : k * Math.log(h)) + (k == n ? 0 : (n - k) * Math.log(1 - h));
        double averaged = Tails.logFactorial(k) + Tails.logFactorial(n - k) - Tails.logFactorial(n + 1);
        return best - averaged;
    }

    /** One dependent's share of the log-likelihood ratio: failing at {@code hit} under the outage, at {@code rate} without. */
    private static double term(double rate, double hit, boolean failing) {
        double p = Math.min(0.5, Math.max(1e-6, rate));
        double h = Math.max(p, hit);
        return failing ? Math.log(h / p) : Math.log((1 - h) / (1 - p));
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
     * The explanations of what is failing, across providers: greedily the best-explaining scope
     * that is strong enough to keep an outage going, then, with the failures it explains left out,
     * the next best, and so on. A site on AWS and Cloudflare failing in an AWS outage is thereby no
     * evidence against Cloudflare. One exception: a scope of another provider that the explained
     * failures pass through (Cloudflare Workers KV, which stores its data on Google Cloud, in a
     * Google Cloud outage) keeps those failures when its own provider says it fails too (its status
     * feed, or complaints naming it): then it is an outage of its own, with its own acknowledgement;
     * without such evidence its failures belong to the root outage's blast radius.
     *
     * @return the explanations, best first, and a way to assess any scope as the explanations leave it
     */
    public Explained explain(DependencyGraph graph, List<ScopeAssessment> assessments,
            Function<String, ServiceCondition> conditions, Function<String, ProviderEvidence> evidence) {
        List<Explanation> result = new ArrayList<>();
        Function<ScopeId, Predicate<String>> excluded = scope -> {
            Set<String> out = new HashSet<>();
            for (Explanation e : result) {
                Set<String> kept = failuresKeptBy(graph, e.assessment(), scope, evidence);
                for (String service : e.assessment().unhealthyServices()) {
                    if (!kept.contains(service)) {
                        out.add(service);
                    }
                }
                out.addAll(e.assessment().touched());
            }
            return out::contains;
        };
        Set<ScopeId> chosen = new HashSet<>();
        for (int round = 0; round < MAX_EXPLANATIONS; round++) {
            ScopeAssessment best = null;
            List<ScopeAssessment> candidates = new ArrayList<>();
            for (ScopeAssessment a : assessments) {
                if (chosen.contains(a.scope())) {
                    continue;
                }
                ScopeAssessment c = result.isEmpty() ? a : assess(graph, a.scope(), graph.dependents(a.scope()), conditions,
                        evidence.apply(a.scope().provider()), excluded.apply(a.scope()));
                if (sustains(c)) {
                    candidates.add(c);
                }
                if (sustains(c) && (best == null || BEST_FIRST.compare(c, best) < 0)) {
                    best = c;
                }
            }
            if (best == null) {
                break;
            }
            chosen.add(best.scope());
            result.add(new Explanation(best, opens(best), rivalGap(best, candidates)));
        }
        List<Explanation> done = List.copyOf(result);
        return new Explained(done, scope -> assess(graph, scope, graph.dependents(scope), conditions,
                evidence.apply(scope.provider()), excluded.apply(scope)));
    }

    private static final int MAX_EXPLANATIONS = 12;

    /**
     * How much better {@code best} explains the failures than its closest rival: another scope of the
     * same provider, containing it, inside it or sharing part of it, that is strong enough to open an
     * outage too. Infinite without such a rival; zero for a rival the evidence cannot tell apart
     * (the same dependents, failing alike), since no amount of waiting would separate them.
     */
    private double rivalGap(ScopeAssessment best, List<ScopeAssessment> candidates) {
        double gap = Double.POSITIVE_INFINITY;
        for (ScopeAssessment c : candidates) {
            if (c == best || !c.scope().provider().equals(best.scope().provider()) || !opens(c)
                    || !(Scopes.related(c.scope(), best.scope()) || Scopes.intersect(c.scope(), best.scope()))) {
                continue;
            }
            double d = best.logLikelihoodRatio() - c.logLikelihoodRatio();
            if (d > 1e-9) {
                gap = Math.min(gap, d);
            }
        }
        return gap;
    }

    /**
     * The failures {@code explanation} claims that {@code scope}, of another provider, keeps: those
     * whose dependency path to the explanation's scope passes through {@code scope}, when the scope's
     * own provider says it fails. Only those: a service that merely also uses that provider is no
     * witness against it.
     */
    private Set<String> failuresKeptBy(DependencyGraph graph, ScopeAssessment explanation, ScopeId scope,
            Function<String, ProviderEvidence> evidence) {
        if (scope.provider().equals(explanation.scope().provider())) {
            return Set.of();
        }
        ProviderEvidence own = evidence.apply(scope.provider());
        StatusSnapshot.Entry status = own.statusAbout(scope);
        boolean says = (status != null && StatusSnapshot.severity(status.status()) >= 0.5)
                || own.complaintSurprise() >= settings.enterSurprise();
        if (!says) {
            return Set.of();
        }
        Set<String> kept = new HashSet<>();
        Map<String, Dependent> dependents = graph.dependents(explanation.scope());
        for (String service : explanation.unhealthyServices()) {
            Dependent d = dependents.get(service);
            if (d == null) {
                continue;
            }
            for (String hop : d.path().subList(1, d.path().size() - 1)) {
                if (ScopeId.looksLikeScope(hop) && scope.contains(ScopeId.parse(hop))) {
                    kept.add(service);
                    break;
                }
            }
        }
        return kept;
    }

    /** The chosen explanations, and any scope's assessment with the failures they explain left out. */
    public record Explained(List<Explanation> explanations, Function<ScopeId, ScopeAssessment> conditional) {
    }

    /**
     * Strong enough to open an outage: enough independent dependents failing against the odds, or
     * the provider's own feed saying the scope fails while some dependent fails too (a scope with
     * few dependents can never be significant on its own; the provider's word and one witness are).
     */
    public boolean opens(ScopeAssessment a) {
        if (a.statusSeverity() >= 0.5 && a.unhealthy() >= 1) {
            return true;
        }
        return a.unhealthy() >= settings.minUnits() && a.surprise() >= settings.enterSurprise()
                && a.confidence() >= settings.suspectConfidence();
    }

    /** Strong enough to keep a related outage active. */
    public boolean sustains(ScopeAssessment a) {
        if (a.statusSeverity() >= 0.5 && a.unhealthy() >= 1) {
            return true;
        }
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

    /**
     * A scope chosen to explain part of what fails; {@code opens} when it is strong enough to open an
     * outage; {@code rivalGap} the log-likelihood by which it beats its closest related rival.
     */
    public record Explanation(ScopeAssessment assessment, boolean opens, double rivalGap) {
        public ScopeId scope() {
            return assessment.scope();
        }
    }
}
