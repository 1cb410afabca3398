package io.blastradius.ingest.simulate;

import io.blastradius.ingest.catalog.DependencyEdge;
import io.blastradius.ingest.catalog.DependencyPath;
import io.blastradius.ingest.catalog.Dependent;
import io.blastradius.ingest.catalog.InvalidWorldException;
import io.blastradius.ingest.catalog.Provider;
import io.blastradius.ingest.catalog.ProviderService;
import io.blastradius.ingest.catalog.Region;
import io.blastradius.ingest.catalog.ScopeRelation;
import io.blastradius.ingest.catalog.Service;
import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.catalog.WorldLoader;
import io.blastradius.ingest.simulate.Incident.Chatter;
import io.blastradius.ingest.simulate.Incident.Impact;
import io.blastradius.ingest.simulate.Incident.Oscillation;
import io.blastradius.ingest.simulate.Incident.Phase;
import io.blastradius.ingest.simulate.Incident.ProviderOutage;
import io.blastradius.ingest.simulate.Incident.ServiceIncident;
import io.blastradius.ingest.simulate.Incident.Update;
import io.blastradius.ingest.simulate.Incident.VantageTrouble;
import io.blastradius.ingest.simulate.Plan.Failure;
import io.blastradius.ingest.simulate.Plan.PlannedChatter;
import io.blastradius.ingest.simulate.Plan.PlannedHit;
import io.blastradius.ingest.simulate.Plan.PlannedOutage;
import io.blastradius.ingest.simulate.Plan.PlannedPhase;
import io.blastradius.ingest.simulate.Plan.PlannedServiceIncident;
import io.blastradius.ingest.simulate.Plan.PlannedVantageTrouble;
import io.blastradius.ingest.simulate.ScenarioLoader.LoadedScenario;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.scope.ScopeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides everything about a scenario up front (see {@link Plan}): resolves times, expands the
 * outage generator, picks which dependents each phase hits (through the world's
 * {@link io.blastradius.ingest.catalog.DependencyGraph}), draws the noise incidents and writes the
 * status posts. Every problem with the scenario against its world is reported at once.
 */
public final class Planner {
    private static final String[] CAUSES = {"deploy", "database overload", "expired certificate", "config change",
        "dns misconfiguration", "dependency timeout", "capacity"};
    private static final String[] CHATTER_TOPICS = {"keynote", "new region launch", "price change", "viral bill-shock thread",
        "anniversary of last year's outage", "layoffs", "AI announcement", "certification exam"};
    private static final Duration DEFAULT_ACK_DELAY = Duration.ofMinutes(30);

    private final Scenario scenario;
    private final World world;
    private final String source;
    private final List<String> problems = new ArrayList<>();
    /** Status-page behaviour and error mixes the scenario gives its explicit service incidents. */
    private final Map<PlannedServiceIncident, Scenario.StatusPage> incidentPages = new LinkedHashMap<>();
    private final Map<PlannedServiceIncident, ErrorMix> incidentMixes = new LinkedHashMap<>();
    private Instant start;
    private Instant end;

    private Planner(Scenario scenario, World world, String source) {
        this.scenario = scenario;
        this.world = world;
        this.source = source;
    }

    /** Plans a loaded scenario in its world (a built-in name or a path relative to the scenario file). */
    public static Plan plan(LoadedScenario loaded) {
        World world;
        try {
            world = WorldLoader.resolve(loaded.scenario().world(), loaded.baseDir());
        } catch (InvalidWorldException e) {
            throw new InvalidScenarioException(loaded.source(), "world '" + loaded.scenario().world() + "': " + e.getMessage(), e);
        }
        return plan(loaded.scenario(), world, loaded.source());
    }

    /** Plans {@code scenario} in {@code world}; {@code source} names the scenario in errors. */
    public static Plan plan(Scenario scenario, World world, String source) {
        return new Planner(scenario, world, source).build();
    }

    private long seed() {
        return scenario.seed();
    }

    private Plan build() {
        start = scenario.start().resolve(null);
        end = scenario.end() != null ? scenario.end().resolve(start) : start.plus(scenario.duration());
        if (!end.isAfter(start)) {
            throw new InvalidScenarioException(source, List.of("end " + end + " is not after start " + start));
        }
        List<ProviderOutage> outageSpecs = new ArrayList<>();
        List<ServiceIncident> incidentSpecs = new ArrayList<>();
        List<VantageTrouble> troubleSpecs = new ArrayList<>();
        List<Chatter> chatterSpecs = new ArrayList<>();
        for (Incident i : scenario.incidents()) {
            if (i instanceof ProviderOutage o) {
                outageSpecs.add(o);
            } else if (i instanceof ServiceIncident s) {
                incidentSpecs.add(s);
            } else if (i instanceof VantageTrouble v) {
                troubleSpecs.add(v);
            } else if (i instanceof Chatter c) {
                chatterSpecs.add(c);
            }
        }
        if (scenario.generate() != null) {
            outageSpecs.addAll(new RandomOutages(world, scenario.generate(), start, end, problems).generate());
        }
        checkServices("statusPages", scenario.statusPages().keySet());

        List<PlannedOutage> outages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < outageSpecs.size(); i++) {
            ProviderOutage spec = outageSpecs.get(i);
            String context = "outage '" + (spec.id() == null ? "#" + i : spec.id()) + "'";
            if (spec.id() == null || spec.id().isBlank()) {
                problems.add(context + ": id is required");
                continue;
            }
            if (!ids.add(spec.id())) {
                problems.add(context + ": duplicate outage id");
                continue;
            }
            PlannedOutage o = outage(spec, context);
            if (o != null) {
                outages.add(o);
            }
        }
        List<PlannedServiceIncident> incidents = serviceIncidents(incidentSpecs);
        List<PlannedVantageTrouble> troubles = vantageTroubles(troubleSpecs);
        List<PlannedChatter> chatter = chatter(chatterSpecs);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(source, problems);
        }

        Map<String, List<Failure>> failures = new TreeMap<>();
        for (PlannedOutage o : outages) {
            for (PlannedHit h : o.hits()) {
                failures.computeIfAbsent(h.service(), k -> new ArrayList<>()).addAll(h.spans());
            }
        }
        for (PlannedServiceIncident si : incidents) {
            Rng rng = Rng.of(seed(), Rng.key("incident-errors"), Rng.key(si.service()), si.from().toEpochMilli());
            ErrorMix mix = incidentMixes.getOrDefault(si, ErrorMix.forKind(rng.chance(0.5) ? DependencyKind.HOSTING : DependencyKind.API));
            failures.computeIfAbsent(si.service(), k -> new ArrayList<>()).add(
                    new Failure(si.from().toEpochMilli(), si.until().toEpochMilli(), si.severity(), mix, "incident:" + si.cause()));
        }
        failures.values().forEach(l -> l.sort(Comparator.comparingLong(Failure::from)));

        StatusPosts posts = new StatusPosts(world, seed());
        for (int i = 0; i < outages.size(); i++) {
            PlannedOutage o = outages.get(i);
            ProviderOutage spec = outageSpecs.get(i);
            if (o.acknowledged() != null) {
                posts.provider(world.provider(o.provider()).orElseThrow(), o.id(), providerPosts(o, spec));
            }
            for (PlannedHit h : o.hits()) {
                Scenario.StatusPage behaviour = spec.statusPages().getOrDefault(h.service(), scenario.statusPages().get(h.service()));
                double severity = h.spans().stream().mapToDouble(Failure::severity).max().orElse(0);
                posts.service(new StatusPosts.Episode(h.service(), o.id(), h.from(), h.until(), severity, o.provider(), behaviour),
                        scenario.noise().statusPages());
            }
        }
        for (PlannedServiceIncident si : incidents) {
            Scenario.StatusPage behaviour = incidentPages.getOrDefault(si, scenario.statusPages().get(si.service()));
            posts.service(new StatusPosts.Episode(si.service(), "incident-" + si.from(), si.from(), si.until(), si.severity(), null,
                    behaviour), scenario.noise().statusPages());
        }
        maintenance(posts);

        return new Plan(scenario.name(), world, seed(), start, end, scenario.noise(), List.copyOf(outages), List.copyOf(incidents),
                List.copyOf(troubles), List.copyOf(chatter), failures, posts.sorted());
    }

    // ------------------------------------------------------------------ provider outages

    private PlannedOutage outage(ProviderOutage spec, String context) {
        ScopeId scope = scope(spec.scope(), context + ": scope");
        if (scope == null || spec.onset() == null) {
            if (spec.onset() == null) {
                problems.add(context + ": onset is required");
            }
            return null;
        }
        Provider provider = world.provider(scope.provider()).orElseThrow();
        Instant onset = spec.onset().resolve(start);
        Instant declaredEnd = spec.end() == null ? null : spec.end().resolve(start);
        if (onset.isBefore(start) || !onset.isBefore(end)) {
            problems.add(context + ": onset " + onset + " is outside the scenario (" + start + " .. " + end + ")");
        }
        List<Phase> phaseSpecs = spec.phases();
        if (phaseSpecs.isEmpty()) {
            if (declaredEnd == null) {
                problems.add(context + ": give end, or phases with until");
                return null;
            }
            phaseSpecs = List.of(new Phase(scope.toString(), null, null, null, null, null, null, null, null));
        }
        Rng rng = Rng.of(seed(), Rng.key("outage"), Rng.key(spec.id()));
        List<PlannedPhase> phases = new ArrayList<>();
        Map<String, List<Failure>> spans = new TreeMap<>();
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (int p = 0; p < phaseSpecs.size(); p++) {
            Phase ph = phaseSpecs.get(p);
            String pc = context + " phases[" + p + "]";
            ScopeId phaseScope = ph.scope() == null ? scope : scope(ph.scope(), pc + ": scope");
            if (phaseScope == null) {
                continue;
            }
            if (!scope.contains(phaseScope)) {
                problems.add(pc + ": scope " + phaseScope + " is not contained in the outage scope " + scope);
                continue;
            }
            Instant from = ph.from() == null ? onset : ph.from().resolve(start);
            Instant until = ph.until() != null ? ph.until().resolve(start) : declaredEnd;
            if (until == null || !until.isAfter(from)) {
                problems.add(pc + ": until is required and after from");
                continue;
            }
            if (from.isBefore(onset)) {
                problems.add(pc + ": starts at " + from + ", before the outage onset " + onset);
            }
            if (!ph.severity().within(0, 1)) {
                problems.add(pc + ": severity must be within 0..1");
                continue;
            }
            ErrorMix errors = null;
            if (!ph.errors().isEmpty()) {
                try {
                    errors = ErrorMix.parse(ph.errors());
                } catch (IllegalArgumentException e) {
                    problems.add(pc + ": errors: " + e.getMessage());
                    continue;
                }
            }
            double severity = ph.severity().draw(rng);
            phases.add(new PlannedPhase(phaseScope, from, until, severity));
            List<long[]> windows = windows(ph.oscillation(), from, until, rng, pc);
            hits(spec.id(), p, ph, phaseScope, severity, errors, windows, pc, spans, paths);
        }
        if (phases.isEmpty()) {
            return null;
        }
        Instant outageEnd = declaredEnd != null ? declaredEnd
                : phases.stream().map(PlannedPhase::until).max(Comparator.naturalOrder()).orElseThrow();
        Instant ack = null;
        if (!spec.silent()) {
            if (spec.acknowledged() != null) {
                ack = spec.acknowledged().resolve(start);
            } else if (spec.ackDelay() != null) {
                ack = onset.plus(spec.ackDelay());
            } else if (!spec.updates().isEmpty() && spec.updates().get(0).at() != null) {
                ack = spec.updates().get(0).at().resolve(start);
            } else {
                ack = onset.plus(DEFAULT_ACK_DELAY);
            }
            if (ack.isBefore(onset)) {
                problems.add(context + ": acknowledged " + ack + " before the onset " + onset);
            }
        }
        List<PlannedHit> hits = new ArrayList<>();
        spans.forEach((service, list) -> {
            list.sort(Comparator.comparingLong(Failure::from));
            List<Failure> merged = merge(list);
            hits.add(new PlannedHit(service, Instant.ofEpochMilli(merged.get(0).from()),
                    Instant.ofEpochMilli(merged.stream().mapToLong(Failure::until).max().orElseThrow()), paths.get(service), merged));
        });
        hits.sort(Comparator.comparing(PlannedHit::from).thenComparing(PlannedHit::service));
        double postsPerHour = spec.providerPostsPerHour() != null ? spec.providerPostsPerHour()
                : scenario.noise().complaints().providerOutagePerHour() * Math.sqrt(Math.min(1.0, hits.size() / 30.0));
        String title = spec.title() != null ? spec.title() : defaultTitle(provider, scope);
        return new PlannedOutage(spec.id(), provider.id(), scope, title, onset, ack, outageEnd, List.copyOf(phases), List.copyOf(hits),
                postsPerHour);
    }

    /** The spans in which a phase's impact is on: one, or many when it oscillates. */
    private List<long[]> windows(Oscillation osc, Instant from, Instant until, Rng rng, String context) {
        List<long[]> windows = new ArrayList<>();
        long f = from.toEpochMilli();
        long u = until.toEpochMilli();
        if (osc == null) {
            windows.add(new long[] {f, u});
            return windows;
        }
        long stop = osc.until() == null ? u : Math.min(u, osc.until().resolve(start).toEpochMilli());
        if (stop <= f) {
            problems.add(context + ": oscillation.until is before the phase starts");
        }
        long t = f;
        while (t < stop) {
            long on = Math.max(60_000, osc.on().draw(rng).toMillis());
            windows.add(new long[] {t, Math.min(t + on, stop)});
            t += on + Math.max(60_000, osc.off().draw(rng).toMillis());
        }
        if (stop < u) {
            windows.add(new long[] {Math.max(stop, t), u});
        }
        return windows;
    }

    private void hits(String outageId, int phaseIndex, Phase ph, ScopeId phaseScope, double severity, ErrorMix errors,
            List<long[]> windows, String context, Map<String, List<Failure>> spans, Map<String, List<String>> paths) {
        Impact impact = ph.impact();
        List<Dependent> dependents = new ArrayList<>(world.graph().dependentsOf(phaseScope));
        Map<String, Dependent> byService = new TreeMap<>();
        dependents.forEach(d -> byService.put(d.service(), d));
        for (String s : impact.services()) {
            if (world.service(s).isEmpty()) {
                problems.add(context + ": impact.services: unknown service '" + s + "'");
            } else if (!byService.containsKey(s)) {
                problems.add(context + ": impact.services: '" + s + "' does not depend on " + phaseScope
                        + " (add the dependency to the world, or change the scope)");
            }
        }
        checkServices(context + ": impact.exclude", impact.exclude());
        for (double share : new double[] {impact.fraction(), impact.degradingFraction(), impact.enclosingFraction()}) {
            if (share < 0 || share > 1) {
                problems.add(context + ": impact fractions must be within 0..1");
                return;
            }
        }
        // Decide carriers before those who reach the scope through them: MetaMask fails when Infura does.
        dependents.sort(Comparator.comparingInt((Dependent d) -> d.best().path().hops()).thenComparing(Dependent::service));
        Map<String, Boolean> hit = new TreeMap<>();
        for (Dependent d : dependents) {
            Dependent.Match best = d.best();
            DependencyPath path = best.path();
            Rng rng = Rng.of(seed(), Rng.key("hit"), Rng.key(outageId), phaseIndex, Rng.key(d.service()));
            boolean explicit = impact.services().contains(d.service());
            String carrier = carrier(path);
            double factor;
            boolean isHit;
            if (impact.exclude().contains(d.service())) {
                isHit = false;
                factor = 0;
            } else if (explicit) {
                isHit = true;
                factor = 1;
            } else if (!carrier.equals(d.service())) {
                boolean carrierHit = hit.getOrDefault(carrier, false);
                isHit = carrierHit && (path.criticality() == Criticality.CRITICAL || rng.chance(impact.degradingFraction()));
                factor = path.criticality() == Criticality.CRITICAL ? 1 : 0.5;
            } else if (path.criticality() == Criticality.OPTIONAL) {
                isHit = false;
                factor = 0;
            } else if (best.relation() != ScopeRelation.INSIDE) {
                isHit = rng.chance(impact.enclosingFraction());
                factor = 0.6;
            } else if (path.criticality() == Criticality.CRITICAL) {
                isHit = rng.chance(impact.fraction());
                factor = 1;
            } else {
                isHit = rng.chance(impact.degradingFraction());
                factor = 0.5;
            }
            hit.put(d.service(), isHit);
            if (!isHit) {
                continue;
            }
            long lag = ph.lag().draw(rng).toMillis() + (path.hops() - 1) * (30_000L + rng.nextInt(90_000));
            long recovery = ph.recovery().draw(rng).toMillis();
            ErrorMix mix = errors != null ? errors : ErrorMix.forKind(failureKind(path));
            List<Failure> list = spans.computeIfAbsent(d.service(), k -> new ArrayList<>());
            for (int w = 0; w < windows.size(); w++) {
                long[] win = windows.get(w);
                long tail = w == windows.size() - 1 ? recovery : Math.min(recovery, 60_000);
                list.add(new Failure(win[0] + lag, win[1] + lag + tail, Math.min(1, severity * factor), mix, outageId));
            }
            paths.putIfAbsent(d.service(), path.nodes());
        }
    }

    /** The last service on a path, the one whose own dependency touches the scope. */
    private static String carrier(DependencyPath path) {
        String carrier = path.service();
        for (DependencyEdge e : path.edges()) {
            if (e.toScope()) {
                break;
            }
            carrier = e.to();
        }
        return carrier;
    }

    /** How a service looks when this path fails: by its front door when that is what broke, else by what broke. */
    private static DependencyKind failureKind(DependencyPath path) {
        DependencyKind first = path.first().kind();
        if (first == DependencyKind.CDN || first == DependencyKind.DNS || first == DependencyKind.LOAD_BALANCER) {
            return first;
        }
        return path.last().kind();
    }

    private static List<Failure> merge(List<Failure> sorted) {
        List<Failure> merged = new ArrayList<>();
        for (Failure f : sorted) {
            Failure last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && f.from() <= last.until()) {
                merged.set(merged.size() - 1, new Failure(last.from(), Math.max(last.until(), f.until()),
                        Math.max(last.severity(), f.severity()), last.severity() >= f.severity() ? last.errors() : f.errors(), last.cause()));
            } else {
                merged.add(f);
            }
        }
        return merged;
    }

    private List<StatusPosts.ProviderPost> providerPosts(PlannedOutage o, ProviderOutage spec) {
        List<StatusPosts.ProviderPost> posts = new ArrayList<>();
        if (!spec.updates().isEmpty()) {
            for (int i = 0; i < spec.updates().size(); i++) {
                Update u = spec.updates().get(i);
                String uc = "outage '" + o.id() + "' updates[" + i + "]";
                Instant at = u.at() == null ? o.acknowledged() : u.at().resolve(start);
                ScopeId scope = u.scope() == null ? activeScope(o, at) : scope(u.scope(), uc + ": scope");
                if (scope == null) {
                    continue;
                }
                String status = u.status() == null ? (i == 0 ? "investigating" : "update") : u.status().toLowerCase(Locale.ROOT);
                ComponentStatus cs = u.componentStatus() != null ? componentStatus(u.componentStatus(), uc)
                        : status.equals("resolved") ? ComponentStatus.OPERATIONAL : severityStatus(o, at);
                posts.add(new StatusPosts.ProviderPost(at, status, cs, scope, u.title() != null ? u.title() : o.title(),
                        u.body() != null ? u.body() : defaultBody(o, scope, status)));
            }
            if (!problems.isEmpty()) {
                throw new InvalidScenarioException(source, problems);
            }
            return posts;
        }
        Instant ack = o.acknowledged();
        posts.add(new StatusPosts.ProviderPost(ack, "investigating", severityStatus(o, ack), activeScope(o, ack), o.title(),
                defaultBody(o, activeScope(o, ack), "investigating")));
        Rng rng = Rng.of(seed(), Rng.key("provider-updates"), Rng.key(o.id()));
        Instant identified = ack.plus(Duration.ofMinutes(15 + rng.nextInt(30)));
        if (identified.isBefore(o.end())) {
            posts.add(new StatusPosts.ProviderPost(identified, "identified", severityStatus(o, identified), activeScope(o, identified),
                    o.title(), defaultBody(o, activeScope(o, identified), "identified")));
        }
        for (PlannedPhase p : o.phases()) {
            if (p.from().isAfter(identified) && p.from().isBefore(o.end())) {
                Instant at = p.from().plus(Duration.ofMinutes(10 + rng.nextInt(30)));
                posts.add(new StatusPosts.ProviderPost(at, "identified", severityStatus(o, at), p.scope(), o.title(),
                        defaultBody(o, p.scope(), "identified")));
            }
        }
        Instant monitoring = o.end().minus(Duration.ofMinutes(5 + rng.nextInt(20)));
        if (monitoring.isAfter(identified)) {
            posts.add(new StatusPosts.ProviderPost(monitoring, "monitoring", ComponentStatus.DEGRADED, o.scope(), o.title(),
                    defaultBody(o, o.scope(), "monitoring")));
        }
        Instant resolved = o.end().isAfter(ack) ? o.end() : ack.plus(Duration.ofMinutes(5));
        posts.add(new StatusPosts.ProviderPost(resolved, "resolved", ComponentStatus.OPERATIONAL, o.scope(), o.title(),
                defaultBody(o, o.scope(), "resolved")));
        return posts;
    }

    private ComponentStatus componentStatus(String text, String context) {
        try {
            return ComponentStatus.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(context + ": unknown componentStatus '" + text + "' (operational, degraded, partial-outage, major-outage, maintenance)");
            return ComponentStatus.UNKNOWN;
        }
    }

    private static ScopeId activeScope(PlannedOutage o, Instant at) {
        ScopeId active = null;
        for (PlannedPhase p : o.phases()) {
            if (!at.isBefore(p.from()) && at.isBefore(p.until())) {
                active = p.scope();
            }
        }
        return active != null ? active : o.phases().size() == 1 ? o.phases().get(0).scope() : o.scope();
    }

    private static ComponentStatus severityStatus(PlannedOutage o, Instant at) {
        double s = o.phases().stream().filter(p -> !at.isBefore(p.from()) && at.isBefore(p.until()))
                .mapToDouble(PlannedPhase::severity).max().orElse(0.5);
        return s >= 0.8 ? ComponentStatus.MAJOR_OUTAGE : s >= 0.4 ? ComponentStatus.PARTIAL_OUTAGE : ComponentStatus.DEGRADED;
    }

    private String defaultTitle(Provider provider, ScopeId scope) {
        return "Increased error rates for " + describe(provider, scope);
    }

    private String defaultBody(PlannedOutage o, ScopeId scope, String status) {
        Provider p = world.provider(o.provider()).orElseThrow();
        String what = describe(p, scope);
        return switch (status) {
            case "investigating" -> "We are investigating increased error rates and latencies for " + what + ".";
            case "identified" -> "We have identified the cause of the increased error rates for " + what
                    + " and are working on mitigation.";
            case "monitoring" -> "We have applied mitigations for " + what + " and are monitoring recovery.";
            case "resolved" -> "The issue affecting " + what + " has been resolved and the service is operating normally.";
            default -> "We continue to work on the issue affecting " + what + ".";
        };
    }

    private static String describe(Provider provider, ScopeId scope) {
        String region = scope.isGlobalRegion() ? null : provider.region(scope.region()).map(Region::name).orElse(scope.region());
        String service = scope.service() == null ? null
                : provider.service(scope.service()).map(ProviderService::name).orElse(scope.service());
        if (service == null && region == null) {
            return "multiple " + provider.name() + " services";
        }
        if (service == null) {
            return "multiple " + provider.name() + " services in the " + region + " region (" + scope.region() + ")";
        }
        return region == null ? service : service + " in the " + region + " region (" + scope.region() + ")";
    }

    // ------------------------------------------------------------------ noise incidents

    private List<PlannedServiceIncident> serviceIncidents(List<ServiceIncident> specs) {
        List<PlannedServiceIncident> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ServiceIncident s = specs.get(i);
            String context = "service-incident[" + i + "]";
            if (s.service() == null || world.service(s.service()).isEmpty()) {
                problems.add(context + ": unknown service '" + s.service() + "'");
                continue;
            }
            Instant[] span = span(s.from(), s.until(), context);
            if (span == null) {
                continue;
            }
            if (!s.severity().within(0, 1)) {
                problems.add(context + ": severity must be within 0..1");
                continue;
            }
            Rng rng = Rng.of(seed(), Rng.key("service-incident"), i);
            PlannedServiceIncident planned = new PlannedServiceIncident(s.service(), span[0], span[1], s.severity().draw(rng), s.cause());
            out.add(planned);
            if (s.statusPage() != null) {
                incidentPages.put(planned, s.statusPage());
            }
            if (!s.errors().isEmpty()) {
                try {
                    incidentMixes.put(planned, ErrorMix.parse(s.errors()));
                } catch (IllegalArgumentException e) {
                    problems.add(context + ": errors: " + e.getMessage());
                }
            }
        }
        Scenario.ServiceIncidents noise = scenario.noise().serviceIncidents();
        Rng rng = Rng.of(seed(), Rng.key("random-service-incidents"));
        int count = rng.poisson(noise.perDay() * days());
        List<Service> services = world.services();
        for (int i = 0; i < count && !services.isEmpty(); i++) {
            Service s = services.get(rng.nextInt(services.size()));
            Duration length = noise.duration().draw(rng);
            Instant from = randomInstant(rng, length);
            out.add(new PlannedServiceIncident(s.id(), from, from.plus(length), noise.severity().draw(rng),
                    CAUSES[rng.nextInt(CAUSES.length)]));
        }
        out.sort(Comparator.comparing(PlannedServiceIncident::from).thenComparing(PlannedServiceIncident::service));
        return out;
    }

    private List<PlannedVantageTrouble> vantageTroubles(List<VantageTrouble> specs) {
        List<PlannedVantageTrouble> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            VantageTrouble v = specs.get(i);
            String context = "vantage-trouble[" + i + "]";
            if (v.vantage() == null || world.vantage(v.vantage()).isEmpty()) {
                problems.add(context + ": unknown vantage '" + v.vantage() + "'");
                continue;
            }
            Instant[] span = span(v.from(), v.until(), context);
            if (span == null) {
                continue;
            }
            ErrorMix mix = ErrorMix.vantageTrouble();
            if (!v.errors().isEmpty()) {
                try {
                    mix = ErrorMix.parse(v.errors());
                } catch (IllegalArgumentException e) {
                    problems.add(context + ": errors: " + e.getMessage());
                    continue;
                }
            }
            out.add(new PlannedVantageTrouble(v.vantage(), span[0], span[1], v.failureRate(), mix));
        }
        Scenario.Probes noise = scenario.noise().probes();
        for (var vantage : world.vantages()) {
            Rng rng = Rng.of(seed(), Rng.key("vantage-trouble"), Rng.key(vantage.id()));
            int count = rng.poisson(noise.vantageTroublePerDay() * days());
            for (int i = 0; i < count; i++) {
                Duration length = noise.vantageTroubleDuration().draw(rng);
                Instant from = randomInstant(rng, length);
                out.add(new PlannedVantageTrouble(vantage.id(), from, from.plus(length), 0.6 + 0.35 * rng.nextDouble(),
                        ErrorMix.vantageTrouble()));
            }
        }
        out.sort(Comparator.comparing(PlannedVantageTrouble::from).thenComparing(PlannedVantageTrouble::vantage));
        return out;
    }

    private List<PlannedChatter> chatter(List<Chatter> specs) {
        List<PlannedChatter> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Chatter c = specs.get(i);
            String context = "chatter[" + i + "]";
            if (c.provider() == null || world.provider(c.provider()).isEmpty()) {
                problems.add(context + ": unknown provider '" + c.provider() + "'");
                continue;
            }
            Instant[] span = span(c.from(), c.until(), context);
            if (span != null) {
                out.add(new PlannedChatter(c.provider(), span[0], span[1], c.topic() == null ? "announcement" : c.topic(),
                        c.postsPerHour()));
            }
        }
        Scenario.Complaints noise = scenario.noise().complaints();
        Rng rng = Rng.of(seed(), Rng.key("random-chatter"));
        int count = rng.poisson(noise.providerChatterPerDay() * days());
        List<Provider> providers = world.providers();
        for (int i = 0; i < count && !providers.isEmpty(); i++) {
            Provider p = providers.get(rng.nextInt(Math.min(providers.size(), 4)));
            Duration length = noise.providerChatterDuration().draw(rng);
            Instant from = randomInstant(rng, length);
            out.add(new PlannedChatter(p.id(), from, from.plus(length), CHATTER_TOPICS[rng.nextInt(CHATTER_TOPICS.length)],
                    60 + rng.nextInt(180)));
        }
        out.sort(Comparator.comparing(PlannedChatter::from).thenComparing(PlannedChatter::provider));
        return out;
    }

    private void maintenance(StatusPosts posts) {
        Rng rng = Rng.of(seed(), Rng.key("maintenance"));
        int count = rng.poisson(scenario.noise().statusPages().maintenancePerDay() * days());
        List<Service> withPages = world.services().stream().filter(s -> s.statusPage() != null).toList();
        for (int i = 0; i < count && !withPages.isEmpty(); i++) {
            Duration length = Duration.ofMinutes(30 + rng.nextInt(150));
            posts.maintenance(withPages.get(rng.nextInt(withPages.size())), randomInstant(rng, length), length);
        }
    }

    // ------------------------------------------------------------------ helpers

    private double days() {
        return Duration.between(start, end).toMillis() / 86_400_000.0;
    }

    /** A whole-minute instant such that [it, it + length) fits in the scenario, when it can. */
    private Instant randomInstant(Rng rng, Duration length) {
        long room = Math.max(0, Duration.between(start, end).minus(length).toMinutes());
        return start.plus(Duration.ofMinutes(room == 0 ? 0 : (long) (rng.nextDouble() * room)));
    }

    private Instant[] span(TimeRef from, TimeRef until, String context) {
        if (from == null || until == null) {
            problems.add(context + ": from and until are required");
            return null;
        }
        Instant f = from.resolve(start);
        Instant u = until.resolve(start);
        if (!u.isAfter(f)) {
            problems.add(context + ": until " + u + " is not after from " + f);
            return null;
        }
        return new Instant[] {f, u};
    }

    private ScopeId scope(String text, String context) {
        if (text == null) {
            problems.add(context + " is required");
            return null;
        }
        ScopeId scope;
        try {
            scope = ScopeId.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(context + ": " + e.getMessage());
            return null;
        }
        if (!world.hasScope(scope)) {
            problems.add(context + ": world '" + world.id() + "' has no scope " + scope);
            return null;
        }
        return scope;
    }

    private void checkServices(String context, Iterable<String> ids) {
        for (String id : ids) {
            if (world.service(id).isEmpty()) {
                problems.add(context + ": unknown service '" + id + "'");
            }
        }
    }
}
