package io.blastradius.ingest.catalog;

import io.blastradius.ingest.catalog.WorldFile.EdgeSpec;
import io.blastradius.ingest.catalog.WorldFile.ProviderServiceSpec;
import io.blastradius.ingest.catalog.WorldFile.ProviderSpec;
import io.blastradius.ingest.catalog.WorldFile.RegionSpec;
import io.blastradius.ingest.catalog.WorldFile.ServiceSpec;
import io.blastradius.ingest.catalog.WorldFile.VantageSpec;
import io.blastradius.ingest.probe.ranges.Cidr;
import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.scope.ScopeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads and validates world files (format: {@code docs/world-format.md}). Every problem found is
 * reported at once in an {@link InvalidWorldException}: unknown scopes or services in edges, bad
 * scope syntax, duplicate ids, dependency cycles, bad prefixes.
 *
 * <pre>{@code
 * World world = WorldLoader.builtIn("default");
 * World mine = WorldLoader.load(Path.of("my-world.yaml"));
 * }</pre>
 */
public final class WorldLoader {
    /** Ids of services, vantages, worlds: lowercase, as in {@code docs/DEVELOPING.md}. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final String REGION_PLACEHOLDER = "{region}";
    private static final String ALL_REGIONS = "all";

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private WorldLoader(String source) {
        this.source = source;
    }

    /** A world shipped with blastradius, by name ({@code default}), from {@code worlds/<name>.yaml} on the classpath. */
    public static World builtIn(String name) {
        String resource = "worlds/" + name + ".yaml";
        try (InputStream in = WorldLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidWorldException(resource, List.of("no built-in world named '" + name + "'"));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A world from a file. */
    public static World load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + file, e);
        }
    }

    /**
     * A world by reference as scenarios name it: an existing file path, else a built-in name.
     * Relative paths resolve against {@code baseDir} (the scenario's directory) when given.
     */
    public static World resolve(String reference, Path baseDir) {
        Path candidate = baseDir == null ? Path.of(reference) : baseDir.resolve(reference);
        if (reference.endsWith(".yaml") || reference.endsWith(".yml") || Files.isRegularFile(candidate)) {
            return load(candidate);
        }
        return builtIn(reference);
    }

    /** A world from YAML text; {@code source} names it in error messages. */
    public static World parse(String yaml, String source) {
        WorldFile file;
        try {
            file = Yaml.read(yaml, WorldFile.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidWorldException(source, e.getMessage(), e);
        }
        return new WorldLoader(source).build(file);
    }

    static boolean isCriticality(String word) {
        return Arrays.stream(Criticality.values()).anyMatch(c -> c.name().equalsIgnoreCase(word));
    }

    private World build(WorldFile file) {
        if (file.id() == null || !ID.matcher(file.id()).matches()) {
            problems.add("world id '" + file.id() + "' is missing or not of the form " + ID.pattern());
        }
        List<Provider> providers = new ArrayList<>();
        Map<String, ProviderSpec> providerSpecs = new LinkedHashMap<>();
        for (ProviderSpec spec : list(file.providers())) {
            Provider p = provider(spec);
            if (p != null) {
                if (providerSpecs.putIfAbsent(p.id(), spec) != null) {
                    problems.add("duplicate provider id '" + p.id() + "'");
                } else {
                    providers.add(p);
                }
            }
        }
        Map<String, Provider> byId = providers.stream().collect(Collectors.toMap(Provider::id, p -> p));
        Set<String> serviceIds = new HashSet<>();
        for (ServiceSpec s : list(file.services())) {
            if (s.id() != null && !serviceIds.add(s.id())) {
                problems.add("duplicate service id '" + s.id() + "'");
            }
        }
        Resolver resolver = new Resolver(byId, serviceIds);

        List<DependencyEdge> scopeEdges = new ArrayList<>();
        for (Provider p : providers) {
            for (ProviderServiceSpec ps : list(providerSpecs.get(p.id()).services())) {
                ProviderService service = p.service(ps.id()).orElse(null);
                if (service == null) {
                    continue;
                }
                for (String region : service.regions()) {
                    ScopeId from = service.scope(p.id(), region);
                    int i = 0;
                    for (EdgeSpec e : list(ps.dependsOn())) {
                        String context = "provider service " + from + " dependsOn[" + i++ + "]";
                        if (e.regions() != null && !service.regions().containsAll(e.regions()) && region.equals(service.regions().get(0))) {
                            List<String> unknown = e.regions().stream().filter(r -> !service.regions().contains(r)).toList();
                            problems.add(context + ": regions " + unknown + " are not regions where " + service.id() + " runs");
                        }
                        if (e.regions() != null && !e.regions().contains(region)) {
                            continue;
                        }
                        EdgeSpec expanded = e.target() == null ? e : new EdgeSpec(e.target().replace(REGION_PLACEHOLDER, region),
                                e.kind(), e.criticality(), e.documented(), e.reference(), e.confidence(), null);
                        DependencyEdge edge = edge(from.toString(), expanded, resolver, context);
                        if (edge != null) {
                            scopeEdges.add(edge);
                        }
                    }
                }
            }
        }

        List<Service> services = new ArrayList<>();
        Set<String> built = new HashSet<>();
        int index = 0;
        for (ServiceSpec s : list(file.services())) {
            Service service = service(s, index++, resolver);
            if (service != null && built.add(service.id())) {
                services.add(service);
            }
        }

        List<Vantage> vantages = new ArrayList<>();
        Set<String> vantageIds = new HashSet<>();
        for (VantageSpec v : list(file.vantages())) {
            Vantage vantage = vantage(v);
            if (vantage != null && !vantageIds.add(vantage.id())) {
                problems.add("duplicate vantage id '" + vantage.id() + "'");
            } else if (vantage != null) {
                vantages.add(vantage);
            }
        }

        if (problems.isEmpty()) {
            List<DependencyEdge> all = new ArrayList<>(scopeEdges);
            services.forEach(s -> all.addAll(s.dependencies()));
            for (List<String> cycle : DependencyGraph.of(all).cycles()) {
                problems.add("dependency cycle: " + String.join(" → ", cycle));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidWorldException(source, problems);
        }
        return new World(file.id(), file.description(), providers, services, scopeEdges, vantages);
    }

    private Provider provider(ProviderSpec spec) {
        String context = "provider '" + spec.id() + "'";
        if (!validId(spec.id(), "provider", context)) {
            return null;
        }
        if (spec.status() == null || blank(spec.status().source())) {
            problems.add(context + ": status.source is required (aws-health, gcp-status, azure-status, statuspage:<page id>)");
        }
        List<Region> regions = new ArrayList<>();
        Set<String> regionIds = new LinkedHashSet<>();
        for (RegionSpec r : list(spec.regions())) {
            String rc = context + " region '" + r.id() + "'";
            if (!validId(r.id(), "region", rc)) {
                continue;
            }
            if (ScopeId.GLOBAL.equals(r.id()) || ALL_REGIONS.equals(r.id())) {
                problems.add(rc + ": '" + r.id() + "' is reserved and cannot name a region");
                continue;
            }
            if (!regionIds.add(r.id())) {
                problems.add(context + ": duplicate region id '" + r.id() + "'");
                continue;
            }
            regions.add(new Region(r.id(), orDefault(r.name(), r.id()), r.location(), prefixes(r.prefixes(), rc)));
        }
        List<ProviderService> services = new ArrayList<>();
        Set<String> serviceIds = new HashSet<>();
        for (ProviderServiceSpec s : list(spec.services())) {
            String sc = context + " service '" + s.id() + "'";
            if (!validId(s.id(), "provider service", sc)) {
                continue;
            }
            if (!serviceIds.add(s.id())) {
                problems.add(context + ": duplicate provider service id '" + s.id() + "'");
                continue;
            }
            List<String> where = new ArrayList<>();
            for (String r : s.regions() == null ? List.of(ALL_REGIONS) : s.regions()) {
                if (ALL_REGIONS.equals(r)) {
                    regionIds.stream().filter(id -> !where.contains(id)).forEach(where::add);
                } else if (ScopeId.GLOBAL.equals(r) || regionIds.contains(r)) {
                    if (!where.contains(r)) {
                        where.add(r);
                    }
                } else {
                    problems.add(sc + ": unknown region '" + r + "' (regions of " + spec.id() + ": " + regionIds + ", or global, all)");
                }
            }
            Map<String, List<Cidr>> servicePrefixes = new LinkedHashMap<>();
            if (s.prefixes() != null) {
                s.prefixes().forEach((region, cidrs) -> {
                    if (!where.contains(region)) {
                        problems.add(sc + ": prefixes given for region '" + region + "' where the service does not run");
                    } else {
                        servicePrefixes.put(region, prefixes(cidrs, sc));
                    }
                });
            }
            services.add(new ProviderService(s.id(), orDefault(s.name(), s.id()), where, servicePrefixes, s.addressesFrom()));
        }
        for (ProviderService s : services) {
            if (s.addressesFrom() != null && !serviceIds.contains(s.addressesFrom())) {
                problems.add(context + " service '" + s.id() + "': addressesFrom names unknown provider service '"
                        + s.addressesFrom() + "'");
            }
        }
        String statusSource = spec.status() == null ? null : spec.status().source();
        String statusUrl = spec.status() == null ? null : spec.status().url();
        return new Provider(spec.id(), orDefault(spec.name(), spec.id()), list(spec.aliases()),
                spec.asn() == null ? 0 : spec.asn(), statusSource, statusUrl, regions, services,
                prefixes(spec.prefixes(), context));
    }

    private Service service(ServiceSpec s, int index, Resolver resolver) {
        String context = "service '" + (s.id() == null ? "#" + index : s.id()) + "'";
        if (!validId(s.id(), "service", context)) {
            return null;
        }
        if (blank(s.name())) {
            problems.add(context + ": name is required");
        }
        long users = s.users() == null ? 0 : s.users();
        if (users < 0) {
            problems.add(context + ": users must not be negative");
        }
        List<DependencyEdge> edges = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        int i = 0;
        for (EdgeSpec e : list(s.dependsOn())) {
            if (e.regions() != null) {
                problems.add(context + " dependsOn[" + i + "]: 'regions' only applies to provider services");
            }
            DependencyEdge edge = edge(s.id(), e, resolver, context + " dependsOn[" + i++ + "]");
            if (edge != null) {
                if (!targets.add(edge.to())) {
                    problems.add(context + ": depends on " + edge.to() + " twice");
                } else {
                    edges.add(edge);
                }
            }
        }
        return new Service(s.id(), orDefault(s.name(), s.id()), s.organization(), s.category(), users,
                list(s.aliases()), list(s.endpoints()), s.statusPage(), prefixes(s.prefixes(), context), edges);
    }

    private Vantage vantage(VantageSpec v) {
        String context = "vantage '" + v.id() + "'";
        if (!validId(v.id(), "vantage", context)) {
            return null;
        }
        if (blank(v.region())) {
            problems.add(context + ": region is required");
        }
        if (v.asn() == null || v.asn() <= 0) {
            problems.add(context + ": asn is required and positive");
        }
        return new Vantage(v.id(), orDefault(v.name(), v.id()), v.region(), v.asn() == null ? 0 : v.asn(), v.provider());
    }

    private DependencyEdge edge(String from, EdgeSpec spec, Resolver resolver, String context) {
        if (blank(spec.target())) {
            problems.add(context + ": target is required");
            return null;
        }
        Optional<String> target = resolver.resolve(spec.target(), context);
        DependencyKind kind = kind(spec.kind(), target.map(ScopeId::looksLikeScope).orElse(true), context);
        Criticality criticality = criticality(spec.criticality(), context);
        boolean documented = Boolean.TRUE.equals(spec.documented());
        if (documented && blank(spec.reference())) {
            problems.add(context + ": a documented edge needs a reference (post-incident report, press coverage, case study)");
        }
        double confidence = spec.confidence() != null ? spec.confidence() : documented ? 1.0 : 0.8;
        if (confidence < 0 || confidence > 1) {
            problems.add(context + ": confidence must be within 0..1");
            return null;
        }
        if (target.isEmpty() || kind == null || criticality == null) {
            return null;
        }
        if (target.get().equals(from)) {
            problems.add(context + ": " + from + " cannot depend on itself");
            return null;
        }
        return new DependencyEdge(from, target.get(), kind, criticality, documented, spec.reference(), confidence);
    }

    private DependencyKind kind(String text, boolean scopeTarget, String context) {
        if (text == null) {
            return scopeTarget ? DependencyKind.HOSTING : DependencyKind.API;
        }
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (DependencyKind k : DependencyKind.values()) {
            if (k.name().equals(normal)) {
                return k;
            }
        }
        problems.add(context + ": unknown kind '" + text + "' (one of " + names(DependencyKind.values()) + ")");
        return null;
    }

    private Criticality criticality(String text, String context) {
        if (text == null) {
            return Criticality.CRITICAL;
        }
        for (Criticality c : Criticality.values()) {
            if (c.name().equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        problems.add(context + ": unknown criticality '" + text + "' (one of " + names(Criticality.values()) + ")");
        return null;
    }

    private List<Cidr> prefixes(List<String> texts, String context) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String t : list(texts)) {
            try {
                cidrs.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                problems.add(context + ": " + e.getMessage());
            }
        }
        return cidrs;
    }

    private boolean validId(String id, String what, String context) {
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(context + ": " + what + " id '" + id + "' is missing or not of the form " + ID.pattern());
            return false;
        }
        return true;
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orDefault(String value, String fallback) {
        return blank(value) ? fallback : value;
    }

    /** Turns edge targets into canonical scope strings or known service ids. */
    private final class Resolver {
        private final Map<String, Provider> providers;
        private final Set<String> services;

        Resolver(Map<String, Provider> providers, Set<String> services) {
            this.providers = providers;
            this.services = services;
        }

        Optional<String> resolve(String target, String context) {
            String t = target.trim();
            if (!ScopeId.looksLikeScope(t)) {
                if (!services.contains(t)) {
                    problems.add(context + ": unknown service '" + t + "'" + (t.contains("/") ? "" : " (a scope needs provider/region[/service])"));
                    return Optional.empty();
                }
                return Optional.of(t);
            }
            ScopeId scope;
            try {
                scope = ScopeId.parse(t);
            } catch (IllegalArgumentException e) {
                problems.add(context + ": bad scope '" + t + "': " + e.getMessage());
                return Optional.empty();
            }
            if (!scope.toString().equals(t)) {
                problems.add(context + ": write scope '" + t + "' as '" + scope + "'");
                return Optional.empty();
            }
            Provider p = providers.get(scope.provider());
            if (p == null) {
                problems.add(context + ": unknown provider '" + scope.provider() + "' in scope '" + t + "'");
                return Optional.empty();
            }
            if (!scope.isGlobalRegion() && p.region(scope.region()).isEmpty()) {
                problems.add(context + ": unknown region '" + scope.region() + "' of provider '" + p.id() + "' in scope '" + t + "'");
                return Optional.empty();
            }
            if (scope.service() != null && p.service(scope.service()).isEmpty()) {
                problems.add(context + ": unknown service '" + scope.service() + "' of provider '" + p.id() + "' in scope '" + t + "'");
                return Optional.empty();
            }
            if (!p.has(scope)) {
                problems.add(context + ": provider service '" + scope.service() + "' does not run in region '"
                        + scope.region() + "' (scope '" + t + "')");
                return Optional.empty();
            }
            return Optional.of(scope.toString());
        }
    }
}
