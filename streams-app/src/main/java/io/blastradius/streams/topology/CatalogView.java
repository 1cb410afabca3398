package io.blastradius.streams.topology;

import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.streams.correlation.DependencyGraph;

/**
 * The dependency catalog as this application instance currently knows it. The global-store
 * processors apply each catalog record (at start-up while the global stores are rebuilt from their
 * topics, then as the catalog changes at run time); the stages read an immutable
 * {@link DependencyGraph}, rebuilt on the first read after a change.
 */
public final class CatalogView {
    private final DependencyGraph.Builder builder = DependencyGraph.builder();
    private volatile DependencyGraph graph = DependencyGraph.empty();
    private boolean dirty;
    private long version;

    /** The current graph. */
    public DependencyGraph graph() {
        DependencyGraph g = graph;
        if (dirty) {
            synchronized (this) {
                if (dirty) {
                    graph = builder.build();
                    dirty = false;
                }
                g = graph;
            }
        }
        return g;
    }

    /** Changes so far; a reader can tell whether the graph moved under it. */
    public synchronized long version() {
        return version;
    }

    synchronized void putEdge(ServiceDependency d) {
        boolean scope = d.getTargetType() == DependencyTargetType.SCOPE;
        String target = scope ? ScopeId.parse(d.getTarget()).toString() : d.getTarget();
        builder.edge(new DependencyGraph.Edge(d.getService(), target, scope, d.getKind().name(), d.getCriticality().name()));
        changed();
    }

    synchronized void removeEdge(String service, String target) {
        builder.removeEdge(service, ScopeId.looksLikeScope(target) ? ScopeId.parse(target).toString() : target);
        changed();
    }

    synchronized void putService(ServiceInfo s) {
        builder.service(new DependencyGraph.ServiceMeta(s.getService(), s.getName(),
                s.getOrganization() == null || s.getOrganization().isBlank() ? s.getService() : s.getOrganization(),
                s.getUsers()));
        changed();
    }

    synchronized void removeService(String service) {
        builder.removeService(service);
        changed();
    }

    private void changed() {
        dirty = true;
        version++;
    }
}
