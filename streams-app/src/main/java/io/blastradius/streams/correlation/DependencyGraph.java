package io.blastradius.streams.correlation;

import io.blastradius.ingest.catalog.DependencyEdge;
import io.blastradius.ingest.catalog.DependencyPath;
import io.blastradius.ingest.catalog.ScopeRelation;
import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dependency catalog as the correlator needs it: for every provider scope, which services
 * depend on it (directly, or through other services) and by which path; for every service, which
 * providers it depends on. Immutable; built once per catalog version.
 *
 * <p>A service depends on a scope C when one of its (transitive) scope dependencies lies inside C:
 * a DynamoDB user in us-east-1 depends on {@code aws/us-east-1/dynamodb}, on {@code aws/us-east-1},
 * on {@code aws/global/dynamodb} and on {@code aws/global}. Optional edges are left out: their
 * failure takes little or nothing from the dependent.
 */
public final class DependencyGraph {
    /** Criticality names, strongest first (the Avro {@code Criticality} symbols). */
    public static final String CRITICAL = "CRITICAL";
    public static final String DEGRADING = "DEGRADING";
    public static final String OPTIONAL = "OPTIONAL";

    private final Map<String, List<Edge>> edgesByService;
    /** Provider-internal edges: a scope that depends on another scope. */
    private final List<ScopeId[]> scopeEdges;
    private final Map<String, ServiceMeta> services;
    private final Map<String, ProviderIndex> providers;
    private final Map<String, Set<String>> providersByService;
    private final Map<String, Set<ScopeId>> scopesByService;

    private DependencyGraph(Map<String, List<Edge>> edgesByService, Map<String, ServiceMeta> services) {
        this.edgesByService = edgesByService;
        this.services = services;
        List<ScopeId[]> internal = new ArrayList<>();
        edgesByService.forEach((dependent, list) -> {
            if (ScopeId.looksLikeScope(dependent)) {
                for (Edge e : list) {
                    if (e.targetIsScope()) {
                        internal.add(new ScopeId[] {ScopeId.parse(dependent), ScopeId.parse(e.target())});
                    }
                }
            }
        });
        this.scopeEdges = List.copyOf(internal);
        List<DependencyEdge> edges = new ArrayList<>();
        edgesByService.values().forEach(list -> list.forEach(e -> edges.add(e.toCatalogEdge())));
        io.blastradius.ingest.catalog.DependencyGraph catalog = io.blastradius.ingest.catalog.DependencyGraph.of(edges);
        Map<String, Map<ScopeId, Map<String, Dependent>>> byProvider = new TreeMap<>();
        Map<String, Map<ScopeId, Map<String, Dependent>>> reachedByProvider = new TreeMap<>();
        Map<String, Set<String>> providerSets = new HashMap<>();
        for (String service : catalog.services()) {
            for (Dependent reach : reachableScopes(catalog, service)) {
                ScopeId scope = ScopeId.parse(reach.path().get(reach.path().size() - 1));
                providerSets.computeIfAbsent(service, s -> new TreeSet<>()).add(scope.provider());
                Map<ScopeId, Map<String, Dependent>> scopes = byProvider.computeIfAbsent(scope.provider(), p -> new TreeMap<>());
                reachedByProvider.computeIfAbsent(scope.provider(), p -> new TreeMap<>())
                        .computeIfAbsent(scope, c -> new TreeMap<>()).merge(service, reach, Dependent::better);
                for (ScopeId container : scope.selfAndAncestors()) {
                    Map<String, Dependent> deps = scopes.computeIfAbsent(container, c -> new TreeMap<>());
                    Dependent viaContainer = reach.toScope(container);
                    deps.merge(service, viaContainer, Dependent::better);
                }
            }
        }
        Map<String, ProviderIndex> indexes = new TreeMap<>();
        byProvider.forEach((p, scopes) -> indexes.put(p, new ProviderIndex(p, scopes, reachedByProvider.get(p))));
        Map<String, Set<ScopeId>> scopeSets = new HashMap<>();
        byProvider.forEach((p, scopes) -> scopes.forEach((scope, deps) -> deps.keySet()
                .forEach(s -> scopeSets.computeIfAbsent(s, k -> new TreeSet<>()).add(scope))));
        Map<String, Set<ScopeId>> frozenScopes = new HashMap<>();
        scopeSets.forEach((s, set) -> frozenScopes.put(s, Collections.unmodifiableSet(set)));
        this.scopesByService = frozenScopes;
        this.providers = Collections.unmodifiableMap(indexes);
        Map<String, Set<String>> frozen = new HashMap<>();
        providerSets.forEach((s, ps) -> frozen.put(s, Collections.unmodifiableSet(ps)));
        this.providersByService = frozen;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DependencyGraph empty() {
        return builder().build();
    }

    /**
     * Whether part of {@code dependent} depends, through provider-internal edges, on part of
     * {@code on}: Google Cloud Storage on Service Control, EC2 launches on DynamoDB.
     */
    public boolean scopeDependsOn(ScopeId dependent, ScopeId on) {
        Set<ScopeId> seen = new HashSet<>();
        Deque<ScopeId> todo = new ArrayDeque<>();
        todo.add(dependent);
        while (!todo.isEmpty()) {
            ScopeId s = todo.poll();
            for (ScopeId[] e : scopeEdges) {
                if (s.contains(e[0]) && seen.add(e[1])) {
                    if (on.contains(e[1])) {
                        return true;
                    }
                    todo.add(e[1]);
                }
            }
        }
        return false;
    }

    /** Providers the service depends on, directly or through other services. */
    public Set<String> providersOf(String service) {
        return providersByService.getOrDefault(service, Set.of());
    }

    /** Every scope the service depends on, with their containing scopes, across providers. */
    public Set<ScopeId> scopesOf(String service) {
        return scopesByService.getOrDefault(service, Set.of());
    }

    /** The dependents of {@code scope}, by service id; empty when nothing depends on it. */
    public Map<String, Dependent> dependents(ScopeId scope) {
        ProviderIndex index = providers.get(scope.provider());
        return index == null ? Map.of() : index.dependents(scope);
    }

    /**
     * The services an outage of {@code scope} may touch without depending on anything inside it: those
     * whose dependency encloses it (hosted "in aws/us-east-1", asked about aws/us-east-1/dynamodb) or
     * overlaps it (a global service, which runs in every region, asked about one region). By service
     * id; the scope's own dependents are not among them.
     */
    public Map<String, Dependent> maybeAffected(ScopeId scope) {
        ProviderIndex index = providers.get(scope.provider());
        return index == null ? Map.of() : index.maybeAffected(scope);
    }

    /** The index of one provider's scopes, or null when nothing depends on the provider. */
    public ProviderIndex provider(String provider) {
        return providers.get(provider);
    }

    public Collection<ProviderIndex> providers() {
        return providers.values();
    }

    public ServiceMeta service(String service) {
        ServiceMeta meta = services.get(service);
        return meta != null ? meta : new ServiceMeta(service, service, service, 0);
    }

    /** Organisation that runs the service; the service id itself when the catalog does not say. */
    public String organization(String service) {
        return service(service).organization();
    }

    public int serviceCount() {
        return services.size();
    }

    public List<Edge> edgesOf(String service) {
        return edgesByService.getOrDefault(service, List.of());
    }

    /**
     * Every scope the service reaches, with the best path to each. The traversal is the catalog's
     * own ({@link io.blastradius.ingest.catalog.DependencyGraph#paths}): through other services and
     * through provider-internal edges (a site on Cloudflare Workers KV reaches GCP through it).
     */
    private List<Dependent> reachableScopes(io.blastradius.ingest.catalog.DependencyGraph catalog, String origin) {
        Map<String, Dependent> best = new LinkedHashMap<>();
        for (DependencyPath p : catalog.paths(origin)) {
            if (p.criticality() == Criticality.OPTIONAL) {
                continue;
            }
            String crit = p.criticality() == Criticality.CRITICAL ? CRITICAL : DEGRADING;
            Dependent d = new Dependent(origin, List.copyOf(p.nodes()), p.first().kind().name(), crit);
            best.merge(p.scope().toString(), d, Dependent::better);
        }
        return new ArrayList<>(best.values());
    }

    /**
     * One catalog edge: {@code service} depends on {@code target}, a scope or another service. The
     * dependent may itself be a scope, for provider-internal structure.
     */
    public record Edge(String service, String target, boolean targetIsScope, String kind, String criticality) {
        DependencyEdge toCatalogEdge() {
            DependencyKind k;
            try {
                k = DependencyKind.valueOf(kind);
            } catch (IllegalArgumentException | NullPointerException e) {
                k = DependencyKind.OTHER;
            }
            Criticality c;
            try {
                c = Criticality.valueOf(criticality);
            } catch (IllegalArgumentException | NullPointerException e) {
                c = Criticality.CRITICAL;
            }
            return new DependencyEdge(service, target, k, c, false, null, 1.0);
        }
    }

    /** Catalog facts about a service. */
    public record ServiceMeta(String service, String name, String organization, long users) {
    }

    /**
     * A service that depends on a scope, and how: the path runs from the service through any
     * intermediary services to the scope ({@code [metamask, infura, aws/us-east-1]}).
     *
     * @param kind kind of the first edge on the path
     * @param criticality CRITICAL, or DEGRADING when any edge on the path is
     */
    public record Dependent(String service, List<String> path, String kind, String criticality) {
        /** Edges between the service and the scope (1 = direct). */
        public int depth() {
            return path.size() - 1;
        }

        /** The services on the path between the dependent and the scope, nearest the scope first. */
        public List<String> intermediaries() {
            List<String> via = new ArrayList<>(path.subList(1, path.size() - 1));
            Collections.reverse(via);
            return via;
        }

        Dependent toScope(ScopeId container) {
            List<String> p = new ArrayList<>(path);
            p.set(p.size() - 1, container.toString());
            return new Dependent(service, List.copyOf(p), kind, criticality);
        }

        /** The shorter path; on equal length the stronger criticality, then the first in order. */
        static Dependent better(Dependent a, Dependent b) {
            if (a.depth() != b.depth()) {
                return a.depth() < b.depth() ? a : b;
            }
            if (!a.criticality().equals(b.criticality())) {
                return CRITICAL.equals(a.criticality()) ? a : b;
            }
            return String.join("/", a.path()).compareTo(String.join("/", b.path())) <= 0 ? a : b;
        }
    }

    /** One provider's scopes and their dependents. */
    public static final class ProviderIndex {
        private final String provider;
        private final Map<ScopeId, Map<String, Dependent>> dependents;
        /** Dependents by the scope their path reaches, before widening to its containers. */
        private final Map<ScopeId, Map<String, Dependent>> reached;
        private final Map<ScopeId, Map<String, Dependent>> maybeAffected = new ConcurrentHashMap<>();

        ProviderIndex(String provider, Map<ScopeId, Map<String, Dependent>> dependents,
                Map<ScopeId, Map<String, Dependent>> reached) {
            this.provider = provider;
            Map<ScopeId, Map<String, Dependent>> frozen = new TreeMap<>();
            dependents.forEach((s, d) -> frozen.put(s, Collections.unmodifiableMap(d)));
            this.dependents = Collections.unmodifiableMap(frozen);
            this.reached = reached;
        }

        public String provider() {
            return provider;
        }

        /** Every scope some service depends on, with their containing scopes. */
        public Set<ScopeId> scopes() {
            return dependents.keySet();
        }

        Map<String, Dependent> maybeAffected(ScopeId scope) {
            return maybeAffected.computeIfAbsent(scope, s -> {
                Map<String, Dependent> inside = dependents(s);
                Map<String, Dependent> out = new TreeMap<>();
                reached.forEach((target, deps) -> {
                    ScopeRelation relation = ScopeRelation.between(s, target).orElse(ScopeRelation.INSIDE);
                    if (relation != ScopeRelation.INSIDE) {
                        deps.forEach((service, d) -> {
                            if (!inside.containsKey(service)) {
                                out.merge(service, d, Dependent::better);
                            }
                        });
                    }
                });
                return Collections.unmodifiableMap(out);
            });
        }

        /** Dependents of the scope by service id; empty for a scope nothing depends on. */
        public Map<String, Dependent> dependents(ScopeId scope) {
            return dependents.getOrDefault(scope, Map.of());
        }
    }

    /** Collects edges and service facts; later puts replace earlier ones. */
    public static final class Builder {
        private final Map<String, Map<String, Edge>> edges = new TreeMap<>();
        private final Map<String, ServiceMeta> services = new TreeMap<>();

        public Builder edge(Edge edge) {
            edges.computeIfAbsent(edge.service(), s -> new TreeMap<>()).put(edge.target(), edge);
            return this;
        }

        public Builder edge(String service, String target, String kind, String criticality) {
            return edge(new Edge(service, target, ScopeId.looksLikeScope(target), kind, criticality));
        }

        public Builder removeEdge(String service, String target) {
            Map<String, Edge> out = edges.get(service);
            if (out != null) {
                out.remove(target);
                if (out.isEmpty()) {
                    edges.remove(service);
                }
            }
            return this;
        }

        public Builder service(ServiceMeta meta) {
            services.put(meta.service(), meta);
            return this;
        }

        public Builder removeService(String service) {
            services.remove(service);
            return this;
        }

        public DependencyGraph build() {
            Map<String, List<Edge>> out = new TreeMap<>();
            edges.forEach((s, es) -> out.put(s, List.copyOf(es.values())));
            return new DependencyGraph(out, new TreeMap<>(services));
        }
    }
}
