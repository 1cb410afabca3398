package io.blastradius.ingest.catalog;

import io.blastradius.schemas.DependencySource;
import io.blastradius.schemas.DependencyTargetType;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The world as catalog records: one {@link ServiceInfo} per service and one
 * {@link ServiceDependency} per edge. Provider-internal edges (a scope depending on a scope, such
 * as {@code cloudflare/global/workers-kv → gcp/global/gcs}) are published too, with the dependent
 * scope in {@code service}: consumers tell them apart by the slash, as {@link DependencyGraph} does.
 */
public final class CatalogRecords {
    private CatalogRecords() {
    }

    public static ServiceInfo serviceInfo(Service s, Instant updatedAt) {
        return ServiceInfo.newBuilder()
                .setService(s.id())
                .setName(s.name())
                .setOrganization(s.organization())
                .setCategory(s.category())
                .setAliases(new ArrayList<>(s.aliases()))
                .setUsers(s.users())
                .setEndpoints(new ArrayList<>(s.endpoints()))
                .setStatusPage(s.statusPage())
                .setUpdatedAt(updatedAt)
                .build();
    }

    public static ServiceDependency dependency(DependencyEdge e, Instant updatedAt) {
        return ServiceDependency.newBuilder()
                .setService(e.from())
                .setTarget(e.to())
                .setTargetType(e.toScope() ? DependencyTargetType.SCOPE : DependencyTargetType.SERVICE)
                .setKind(e.kind())
                .setCriticality(e.criticality())
                .setSource(DependencySource.DECLARED)
                .setConfidence(e.confidence())
                .setDocumented(e.documented())
                .setReference(e.reference())
                .setUpdatedAt(updatedAt)
                .build();
    }

    /** Back from a catalog record to a graph edge, so the streams app can build a {@link DependencyGraph} from the topic. */
    public static DependencyEdge edge(ServiceDependency d) {
        return new DependencyEdge(d.getService(), d.getTarget(), d.getKind(), d.getCriticality(), d.getDocumented(),
                d.getReference(), d.getConfidence());
    }

    public static List<ServiceInfo> serviceInfos(World world, Instant updatedAt) {
        return world.services().stream().map(s -> serviceInfo(s, updatedAt)).toList();
    }

    /** Every edge of the world, services' first, then provider-internal ones. */
    public static List<ServiceDependency> dependencies(World world, Instant updatedAt) {
        return world.edges().stream().map(e -> dependency(e, updatedAt)).toList();
    }
}
