package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.Dependent;
import io.blastradius.ingest.catalog.Provider;
import io.blastradius.ingest.catalog.ScopeRelation;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.simulate.Incident.Impact;
import io.blastradius.ingest.simulate.Incident.Oscillation;
import io.blastradius.ingest.simulate.Incident.Phase;
import io.blastradius.ingest.simulate.Incident.ProviderOutage;
import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expands a scenario's {@code generate} section into provider outages, deterministically from its
 * own seed: scopes drawn across providers and levels (one service in one region, a whole region, a
 * global service, a whole provider) among those with enough critical dependents to matter, one
 * after another with quiet gaps, some phased, some oscillating, some never acknowledged.
 */
final class RandomOutages {
    static final List<String> LEVELS = List.of("service-in-region", "region", "global-service", "provider");

    private final World world;
    private final Scenario.OutageGenerator spec;
    private final Instant start;
    private final Instant end;
    private final List<String> problems;

    RandomOutages(World world, Scenario.OutageGenerator spec, Instant start, Instant end, List<String> problems) {
        this.world = world;
        this.spec = spec;
        this.start = start;
        this.end = end;
        this.problems = problems;
    }

    List<ProviderOutage> generate() {
        for (String level : spec.levels().keySet()) {
            if (!LEVELS.contains(level)) {
                problems.add("generate.levels: unknown level '" + level + "' (one of " + LEVELS + ")");
            }
        }
        for (String p : spec.providers()) {
            if (world.provider(p).isEmpty()) {
                problems.add("generate.providers: unknown provider '" + p + "'");
            }
        }
        if (!spec.fraction().within(0, 1)) {
            problems.add("generate.fraction must be within 0..1");
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        Map<String, List<ScopeId>> candidates = candidates();
        List<String> levels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String level : LEVELS) {
            double w = spec.levels().getOrDefault(level, 0.0);
            if (w > 0 && !candidates.get(level).isEmpty()) {
                levels.add(level);
                weights.add(w);
            }
        }
        if (levels.isEmpty()) {
            problems.add("generate: no scope of the requested levels and providers has " + spec.minDependents()
                    + " or more critical dependents");
            return List.of();
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        Rng rng = Rng.of(spec.seed(), Rng.key("generate"));
        Instant t = (spec.first() != null ? spec.first().resolve(start) : start.plus(spec.gap().draw(rng))).truncatedTo(ChronoUnit.MINUTES);
        List<ProviderOutage> outages = new ArrayList<>();
        ScopeId previous = null;
        for (int i = 0; i < spec.count(); i++) {
            String level = levels.get(rng.weighted(w));
            List<ScopeId> pool = candidates.get(level);
            ScopeId scope = pool.get(rng.nextInt(pool.size()));
            if (scope.equals(previous) && pool.size() > 1) {
                scope = pool.get((pool.indexOf(scope) + 1) % pool.size());
            }
            previous = scope;
            Duration length = spec.duration().draw(rng).truncatedTo(ChronoUnit.MINUTES);
            Instant onset = t;
            Instant stop = onset.plus(length);
            if (stop.isAfter(end)) {
                problems.add("generate: " + spec.count() + " outages do not fit before the scenario end " + end
                        + " (outage " + (i + 1) + " would end at " + stop + "); lengthen the scenario or shorten gaps");
                return outages;
            }
            Impact impact = new Impact(null, null, spec.fraction().draw(rng), 0.2, 0.05);
            Share severity = Share.of(Math.round((0.6 + 0.4 * rng.nextDouble()) * 100) / 100.0);
            Oscillation oscillation = rng.chance(spec.oscillatingFraction())
                    ? new Oscillation(Span.between("3m", "12m"), Span.between("2m", "8m"), TimeRef.at(onset.plus(length.multipliedBy(6).dividedBy(10))))
                    : null;
            ScopeId outageScope = scope;
            List<Phase> phases = new ArrayList<>();
            ScopeId second = level.equals("service-in-region") && rng.chance(spec.phasedFraction()) ? secondScope(scope, pool, rng) : null;
            if (second != null) {
                outageScope = ScopeId.of(scope.provider(), scope.region(), null);
                Instant split = onset.plus(length.multipliedBy(35).dividedBy(100)).truncatedTo(ChronoUnit.MINUTES);
                phases.add(new Phase(scope.toString(), TimeRef.at(onset), TimeRef.at(onset.plus(length.multipliedBy(6).dividedBy(10))),
                        severity, null, impact, oscillation, null, null));
                phases.add(new Phase(second.toString(), TimeRef.at(split), TimeRef.at(stop), severity, null, impact, null, null, null));
            } else {
                phases.add(new Phase(scope.toString(), TimeRef.at(onset), TimeRef.at(stop), severity, null, impact, oscillation, null, null));
            }
            boolean silent = rng.chance(spec.silentFraction());
            Duration ackDelay = spec.ackDelay().draw(rng).truncatedTo(ChronoUnit.MINUTES);
            String id = String.format("gen-%02d-%s", i + 1, scope.toString().replace('/', '-'));
            outages.add(new ProviderOutage(id, outageScope.toString(), null, TimeRef.at(onset), TimeRef.at(stop), null,
                    silent ? null : ackDelay, silent, phases, List.of(), null, Map.of()));
            t = stop.plus(spec.gap().draw(rng)).truncatedTo(ChronoUnit.MINUTES);
        }
        return outages;
    }

    private ScopeId secondScope(ScopeId first, List<ScopeId> pool, Rng rng) {
        List<ScopeId> sameRegion = pool.stream()
                .filter(s -> s.region().equals(first.region()) && s.provider().equals(first.provider()) && !s.equals(first))
                .toList();
        return sameRegion.isEmpty() ? null : sameRegion.get(rng.nextInt(sameRegion.size()));
    }

    /** Scopes per level with at least {@code minDependents} critical dependents inside them, in a stable order. */
    private Map<String, List<ScopeId>> candidates() {
        Set<String> allowed = spec.providers().isEmpty() ? null : Set.copyOf(spec.providers());
        Map<String, List<ScopeId>> byLevel = new TreeMap<>();
        LEVELS.forEach(l -> byLevel.put(l, new ArrayList<>()));
        for (Provider p : world.providers()) {
            if (allowed != null && !allowed.contains(p.id())) {
                continue;
            }
            List<ScopeId> scopes = new ArrayList<>(p.scopes());
            for (var service : p.services()) {
                ScopeId everywhere = ScopeId.of(p.id(), null, service.id());
                if (!scopes.contains(everywhere)) {
                    scopes.add(everywhere);
                }
            }
            for (ScopeId s : scopes) {
                if (criticalDependents(s) >= spec.minDependents()) {
                    byLevel.get(level(s)).add(s);
                }
            }
        }
        byLevel.values().forEach(l -> l.sort(null));
        return byLevel;
    }

    private static String level(ScopeId s) {
        if (s.isProviderWide()) {
            return "provider";
        }
        if (s.isGlobalRegion()) {
            return "global-service";
        }
        return s.service() == null ? "region" : "service-in-region";
    }

    private long criticalDependents(ScopeId scope) {
        return world.graph().dependentsOf(scope).stream()
                .filter(d -> d.best().relation() == ScopeRelation.INSIDE && d.best().path().criticality() == Criticality.CRITICAL)
                .map(Dependent::service).count();
    }
}
