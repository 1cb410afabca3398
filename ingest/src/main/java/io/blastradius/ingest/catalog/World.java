package io.blastradius.ingest.catalog;

import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A world: providers with their regions and services, downstream services with their
 * dependencies, provider-internal dependencies, and probe vantage points. It is both the model the
 * simulator runs and the dependency catalog the pipeline loads. Load one with {@link WorldLoader};
 * a loaded world is validated (every edge resolves, no cycles, no duplicate ids).
 */
public final class World {
    private final String id;
    private final String description;
    private final Map<String, Provider> providers;
    private final Map<String, Service> services;
    private final Map<String, Vantage> vantages;
    private final List<DependencyEdge> scopeEdges;
    private final DependencyGraph graph;

    World(String id, String description, List<Provider> providers, List<Service> services,
            List<DependencyEdge> scopeEdges, List<Vantage> vantages) {
        this.id = id;
        this.description = description;
        this.providers = index(providers, Provider::id);
        this.services = index(services, Service::id);
        this.vantages = index(vantages, Vantage::id);
        this.scopeEdges = List.copyOf(scopeEdges);
        this.graph = DependencyGraph.of(edges(), this.services.keySet());
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return Collections.unmodifiableMap(map);
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Providers in file order. */
    public List<Provider> providers() {
        return List.copyOf(providers.values());
    }

    public Optional<Provider> provider(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }

    /** Services in file order. */
    public List<Service> services() {
        return List.copyOf(services.values());
    }

    public Optional<Service> service(String serviceId) {
        return Optional.ofNullable(services.get(serviceId));
    }

    /** The service with this id; throws {@link IllegalArgumentException} naming it when there is none. */
    public Service requireService(String serviceId) {
        Service s = services.get(serviceId);
        if (s == null) {
            throw new IllegalArgumentException("no service '" + serviceId + "' in world '" + id + "'");
        }
        return s;
    }

    /** Vantage points in file order. */
    public List<Vantage> vantages() {
        return List.copyOf(vantages.values());
    }

    public Optional<Vantage> vantage(String vantageId) {
        return Optional.ofNullable(vantages.get(vantageId));
    }

    /** Provider-internal and cross-provider edges between scopes, expanded per region. */
    public List<DependencyEdge> scopeEdges() {
        return scopeEdges;
    }

    /** Every edge: each service's dependencies, then the scope edges. */
    public List<DependencyEdge> edges() {
        List<DependencyEdge> all = new ArrayList<>();
        services.values().forEach(s -> all.addAll(s.dependencies()));
        all.addAll(scopeEdges);
        return all;
    }

    public DependencyGraph graph() {
        return graph;
    }

    /** True when a provider of this world has {@code scope}. */
    public boolean hasScope(ScopeId scope) {
        Provider p = providers.get(scope.provider());
        return p != null && p.has(scope);
    }
}
