package io.blastradius.streams.correlation;

import io.blastradius.schemas.scope.ScopeId;

/** Relations between scopes that the correlator and the lifecycle share. */
public final class Scopes {
    private Scopes() {
    }

    /** One contains the other. */
    public static boolean overlap(ScopeId a, ScopeId b) {
        return a.contains(b) || b.contains(a);
    }

    /**
     * The most specific scope containing both: the same region (dynamodb and ec2 in us-east-1 give
     * aws/us-east-1), else the same global service, else the whole provider; null across providers.
     */
    public static ScopeId commonAncestor(ScopeId a, ScopeId b) {
        if (!a.provider().equals(b.provider())) {
            return null;
        }
        if (a.contains(b)) {
            return a;
        }
        if (b.contains(a)) {
            return b;
        }
        if (a.region().equals(b.region())) {
            return ScopeId.of(a.provider(), a.region(), null);
        }
        if (a.service() != null && a.service().equals(b.service())) {
            return ScopeId.of(a.provider(), ScopeId.GLOBAL, a.service());
        }
        return ScopeId.of(a.provider(), ScopeId.GLOBAL, null);
    }

    /**
     * Related enough to be one outage: one contains the other, or they share a region or a global
     * service (aws/us-east-1/dynamodb and aws/us-east-1/ec2), but not merely the provider.
     */
    public static boolean related(ScopeId a, ScopeId b) {
        ScopeId common = commonAncestor(a, b);
        return common != null && (overlap(a, b) || !common.isProviderWide());
    }

    /**
     * Whether the two scopes share some part of the provider: the same provider, compatible regions
     * ({@code global} spans them all) and compatible services (none spans them all).
     * aws/global/dynamodb and aws/us-east-1 share aws/us-east-1/dynamodb; aws/us-east-1/ec2 and
     * aws/global/dynamodb share nothing.
     */
    public static boolean intersect(ScopeId a, ScopeId b) {
        if (!a.provider().equals(b.provider())) {
            return false;
        }
        boolean regions = a.region().equals(b.region()) || a.region().equals(ScopeId.GLOBAL) || b.region().equals(ScopeId.GLOBAL);
        boolean services = a.service() == null || b.service() == null || a.service().equals(b.service());
        return regions && services;
    }
}
