package io.blastradius.ingest.catalog;

import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The dependency graph of services and provider scopes, in plain Java so that the simulator, the
 * streams app's correlation code and tests share one implementation.
 *
 * <p>Nodes are service ids and provider scopes (told apart by the slash of a scope). Edges go from
 * a service to a service ({@code metamask → infura}), from a service to a scope
 * ({@code infura → aws/us-east-1/dynamodb}) and from a scope to a scope for provider-internal
 * structure ({@code cloudflare/global/workers-kv → gcp/global/gcs}). Scopes also relate by
 * {@link ScopeId} containment, which {@link #dependentsOf(ScopeId)} takes into account.
 *
 * <p>Immutable and thread-safe; paths are computed on first use and cached. Cycles (which a
 * validated world never has, but a catalog read from a topic might) are cut, never followed twice.
 */
public final class DependencyGraph {
    private static final Comparator<DependencyEdge> BY_TARGET = Comparator.comparing(DependencyEdge::to);
    private static final Comparator<Dependent.Match> MOST_TELLING_FIRST = Comparator
            .comparing((Dependent.Match m) -> m.relation().ordinal())
            .thenComparing(m -> m.path().criticality().ordinal())
            .thenComparingInt(m -> m.path().hops())
            .thenComparing(m -> m.path().toString());

    private final Map<String, List<DependencyEdge>> out;
    private final Map<String, List<DependencyEdge>> in;
    private final SortedSet<String> services;
    private final Map<String, List<DependencyPath>> paths = new ConcurrentHashMap<>();
    private volatile Map<ScopeId, List<DependencyPath>> pathsByScope;

    private DependencyGraph(Map<String, List<DependencyEdge>> out, Map<String, List<DependencyEdge>> in,
            SortedSet<String> services) {
        this.out = out;
        this.in = in;
        this.services = services;
    }

    /** A graph of {@code edges}; its services are every non-scope node the edges name. */
    public static DependencyGraph of(Collection<DependencyEdge> edges) {
        return of(edges, List.of());
    }

    /**
     * A graph of {@code edges} that also knows {@code services} without any edge. When two edges
     * share a key ({@code from|to}) the later one wins, as on the compacted catalog topic.
     */
    public static DependencyGraph of(Collection<DependencyEdge> edges, Collection<String> services) {
        Map<String, DependencyEdge> byKey = new TreeMap<>();
        for (DependencyEdge e : edges) {
            byKey.put(e.key(), e);
        }
        Map<String, List<DependencyEdge>> out = new HashMap<>();
        Map<String, List<DependencyEdge>> in = new HashMap<>();
        SortedSet<String> nodes = new TreeSet<>(services);
        for (DependencyEdge e : byKey.values()) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            if (!e.fromScope()) {
                nodes.add(e.from());
            }
            if (!e.toScope()) {
                nodes.add(e.to());
            }
        }
        out.values().forEach(l -> l.sort(BY_TARGET));
        in.values().forEach(l -> l.sort(Comparator.comparing(DependencyEdge::from)));
        return new DependencyGraph(freeze(out), freeze(in), Collections.unmodifiableSortedSet(nodes));
    }

    private static Map<String, List<DependencyEdge>> freeze(Map<String, List<DependencyEdge>> m) {
        Map<String, List<DependencyEdge>> frozen = new HashMap<>();
        m.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Map.copyOf(frozen);
    }

    /** Every service id in the graph, sorted. */
    public SortedSet<String> services() {
        return services;
    }

    /** Every edge, sorted by dependent then target. */
    public List<DependencyEdge> edges() {
        List<DependencyEdge> all = new ArrayList<>();
        new TreeMap<>(out).values().forEach(all::addAll);
        return all;
    }

    /** The direct dependencies of a service or scope, sorted by target. */
    public List<DependencyEdge> dependenciesOf(String node) {
        return out.getOrDefault(node, List.of());
    }

    /** The edges pointing directly at a service or scope (exact node, no containment), sorted by dependent. */
    public List<DependencyEdge> directDependentsOf(String node) {
        return in.getOrDefault(node, List.of());
    }

    /**
     * Every simple path from {@code service} to every scope it depends on, directly or through
     * other services and provider-internal edges. A path stops at each scope it reaches and also
     * continues along that scope's own dependencies, so {@code site → cloudflare/global/workers-kv}
     * and {@code site → cloudflare/global/workers-kv → gcp/global/gcs} are both listed.
     */
    public List<DependencyPath> paths(String service) {
        return paths.computeIfAbsent(service, this::computePaths);
    }

    private List<DependencyPath> computePaths(String service) {
        List<DependencyPath> found = new ArrayList<>();
        Set<String> onPath = new HashSet<>();
        onPath.add(service);
        walk(service, new ArrayDeque<>(), onPath, found);
        found.sort(Comparator.comparing(DependencyPath::toString));
        return List.copyOf(found);
    }

    private void walk(String node, Deque<DependencyEdge> trail, Set<String> onPath, List<DependencyPath> found) {
        for (DependencyEdge e : dependenciesOf(node)) {
            if (!onPath.add(e.to())) {
                continue; // a cycle: never follow a node twice on one path
            }
            trail.addLast(e);
            if (e.toScope()) {
                found.add(new DependencyPath(new ArrayList<>(trail)));
            }
            walk(e.to(), trail, onPath, found);
            trail.removeLast();
            onPath.remove(e.to());
        }
    }

    /** Every scope {@code service} depends on, directly or transitively. */
    public SortedSet<ScopeId> scopesOf(String service) {
        SortedSet<ScopeId> scopes = new TreeSet<>();
        for (DependencyPath p : paths(service)) {
            scopes.add(p.scope());
        }
        return scopes;
    }

    /** Every service {@code service} depends on, directly or transitively (not itself). */
    public SortedSet<String> serviceDependenciesOf(String service) {
        return reach(service, out, DependencyEdge::to);
    }

    /** Every service that depends on {@code service}, directly or transitively (not itself). */
    public SortedSet<String> dependentServicesOf(String service) {
        return reach(service, in, DependencyEdge::from);
    }

    private static SortedSet<String> reach(String start, Map<String, List<DependencyEdge>> adjacency,
            Function<DependencyEdge, String> next) {
        SortedSet<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (DependencyEdge e : adjacency.getOrDefault(todo.pop(), List.of())) {
                String n = next.apply(e);
                if (!ScopeId.looksLikeScope(n) && !n.equals(start) && seen.add(n)) {
                    todo.push(n);
                }
            }
        }
        return seen;
    }

    /**
     * Every service whose dependencies touch {@code scope}: those depending on a scope inside it
     * (asked about {@code aws/us-east-1}, a service on {@code aws/us-east-1/dynamodb}), on a scope
     * containing it (asked about {@code aws/us-east-1/dynamodb}, a service hosted in
     * {@code aws/us-east-1}), or on an overlapping one; directly, through other services, or
     * through provider-internal edges. Sorted by service id; each with its paths, most telling first.
     */
    public List<Dependent> dependentsOf(ScopeId scope) {
        Map<String, List<Dependent.Match>> byService = new TreeMap<>();
        for (Map.Entry<ScopeId, List<DependencyPath>> entry : pathsByScope().entrySet()) {
            Optional<ScopeRelation> relation = ScopeRelation.between(scope, entry.getKey());
            if (relation.isEmpty()) {
                continue;
            }
            for (DependencyPath p : entry.getValue()) {
                byService.computeIfAbsent(p.service(), k -> new ArrayList<>()).add(new Dependent.Match(p, relation.get()));
            }
        }
        List<Dependent> result = new ArrayList<>(byService.size());
        byService.forEach((service, matches) -> {
            matches.sort(MOST_TELLING_FIRST);
            result.add(new Dependent(service, matches));
        });
        return result;
    }

    private Map<ScopeId, List<DependencyPath>> pathsByScope() {
        Map<ScopeId, List<DependencyPath>> index = pathsByScope;
        if (index == null) {
            Map<ScopeId, List<DependencyPath>> built = new TreeMap<>();
            for (String s : services) {
                for (DependencyPath p : paths(s)) {
                    built.computeIfAbsent(p.scope(), k -> new ArrayList<>()).add(p);
                }
            }
            index = Collections.unmodifiableMap(built);
            pathsByScope = index;
        }
        return index;
    }

    /** Every dependency cycle, each as its nodes with the first repeated at the end; empty when acyclic. */
    public List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> seenCycles = new HashSet<>();
        for (String start : new TreeSet<>(out.keySet())) {
            findCycles(start, new ArrayList<>(), new LinkedHashSet<>(), done, cycles, seenCycles);
        }
        return cycles;
    }

    private void findCycles(String node, List<String> stack, Set<String> onStack, Set<String> done,
            List<List<String>> cycles, Set<String> seenCycles) {
        if (done.contains(node)) {
            return;
        }
        if (onStack.contains(node)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            if (seenCycles.add(String.join(" ", new TreeSet<>(cycle)))) {
                cycles.add(List.copyOf(cycle));
            }
            return;
        }
        stack.add(node);
        onStack.add(node);
        for (DependencyEdge e : dependenciesOf(node)) {
            findCycles(e.to(), stack, onStack, done, cycles, seenCycles);
        }
        stack.remove(stack.size() - 1);
        onStack.remove(node);
        done.add(node);
    }
}
