package io.blastradius.ingest.catalog;

import io.blastradius.schemas.scope.ScopeId;
import java.util.Optional;

/**
 * How a scope a service depends on relates to a scope under question (say, the scope of an
 * outage), by {@link ScopeId} containment. Declared in order of strength.
 */
public enum ScopeRelation {
    /** The dependency lies inside the queried scope (depends on aws/us-east-1/dynamodb, asked about aws/us-east-1). */
    INSIDE,
    /** The dependency contains the queried scope (hosted in aws/us-east-1, asked about aws/us-east-1/dynamodb): maybe affected. */
    ENCLOSING,
    /** Neither contains the other but they share ground (gcp/us-central1 and gcp/global/service-control). */
    OVERLAPPING;

    /** The relation of {@code dependency} to {@code queried}, or empty when they share nothing. */
    public static Optional<ScopeRelation> between(ScopeId queried, ScopeId dependency) {
        if (queried.contains(dependency)) {
            return Optional.of(INSIDE);
        }
        if (dependency.contains(queried)) {
            return Optional.of(ENCLOSING);
        }
        boolean sameProvider = queried.provider().equals(dependency.provider());
        boolean regionsMeet = queried.isGlobalRegion() || dependency.isGlobalRegion()
                || queried.region().equals(dependency.region());
        boolean servicesMeet = queried.service() == null || dependency.service() == null
                || queried.service().equals(dependency.service());
        return sameProvider && regionsMeet && servicesMeet ? Optional.of(OVERLAPPING) : Optional.empty();
    }
}
