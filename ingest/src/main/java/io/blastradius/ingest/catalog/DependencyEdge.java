package io.blastradius.ingest.catalog;

import io.blastradius.schemas.Criticality;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.scope.ScopeId;
import java.util.Objects;

/**
 * One edge of the dependency graph: {@code from} (a service id, or a provider scope for
 * provider-internal structure such as {@code cloudflare/global/workers-kv}) depends on {@code to}
 * (a provider scope or a service id). Scopes are told apart from service ids by their slash.
 *
 * @param documented true when the edge is publicly documented (post-incident report, vendor case
 *     study), false when it is a modelling assumption
 * @param reference where the edge comes from: a URL or a short citation; may be null for assumptions
 * @param confidence 0..1 belief that the edge is real
 */
public record DependencyEdge(
        String from,
        String to,
        DependencyKind kind,
        Criticality criticality,
        boolean documented,
        String reference,
        double confidence) {

    public DependencyEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(criticality, "criticality");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
        }
    }

    /** True when the dependent is a provider scope rather than a service. */
    public boolean fromScope() {
        return ScopeId.looksLikeScope(from);
    }

    /** True when the target is a provider scope rather than a service. */
    public boolean toScope() {
        return ScopeId.looksLikeScope(to);
    }

    /** The target as a scope; only for {@link #toScope()} edges. */
    public ScopeId targetScope() {
        return ScopeId.parse(to);
    }

    /** The catalog key of the edge on the dependencies topic: {@code from|to}. */
    public String key() {
        return from + "|" + to;
    }
}
