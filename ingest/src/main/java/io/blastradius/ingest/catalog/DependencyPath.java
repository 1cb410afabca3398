package io.blastradius.ingest.catalog;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of dependency edges from a service to a provider scope, e.g.
 * {@code metamask → infura → aws/us-east-1/dynamodb}, or through provider-internal structure,
 * {@code etsy-shop → cloudflare/global/workers-kv → gcp/global/gcs}.
 */
public record DependencyPath(List<DependencyEdge> edges) {

    public DependencyPath {
        edges = List.copyOf(edges);
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one edge");
        }
        if (!edges.get(edges.size() - 1).toScope()) {
            throw new IllegalArgumentException("a path ends at a scope: " + edges);
        }
    }

    /** The dependent service (first node). */
    public String service() {
        return edges.get(0).from();
    }

    /** The scope the path ends at. */
    public ScopeId scope() {
        return last().targetScope();
    }

    /** Every node, the service first and the scope last. */
    public List<String> nodes() {
        List<String> nodes = new ArrayList<>(edges.size() + 1);
        nodes.add(edges.get(0).from());
        for (DependencyEdge e : edges) {
            nodes.add(e.to());
        }
        return nodes;
    }

    /** The weakest criticality along the path: a chain is only as critical as its least critical link. */
    public Criticality criticality() {
        Criticality weakest = Criticality.CRITICAL;
        for (DependencyEdge e : edges) {
            if (e.criticality().ordinal() > weakest.ordinal()) {
                weakest = e.criticality();
            }
        }
        return weakest;
    }

    /** True when every edge is publicly documented. */
    public boolean documented() {
        return edges.stream().allMatch(DependencyEdge::documented);
    }

    public DependencyEdge first() {
        return edges.get(0);
    }

    /** The edge into the scope: its kind says how the failing scope is used (DNS, DATABASE, CDN...). */
    public DependencyEdge last() {
        return edges.get(edges.size() - 1);
    }

    public int hops() {
        return edges.size();
    }


    @Override
    public String toString() {
        return String.join(" → ", nodes());
    }
}
