package io.blastradius.ingest.catalog;

import io.blastradius.ingest.probe.ranges.Cidr;
import io.blastradius.schemas.scope.ScopeId;
import java.util.List;
import java.util.Map;

/**
 * A service a provider offers ({@code dynamodb}, {@code service-control}, {@code cdn}).
 *
 * @param regions where it runs: region ids, and {@code global} when it has a regionless instance
 * @param prefixes published address ranges of the service per region id ({@code global} included)
 * @param addressesFrom another provider service whose addresses this one serves from (an AWS
 *     network load balancer answers from EC2 ranges), or null
 */
public record ProviderService(String id, String name, List<String> regions, Map<String, List<Cidr>> prefixes,
        String addressesFrom) {
    public ProviderService {
        regions = List.copyOf(regions);
        prefixes = Map.copyOf(prefixes);
    }

    public boolean runsIn(String region) {
        return regions.contains(region);
    }

    /** The scope of this service in {@code region}. */
    public ScopeId scope(String provider, String region) {
        return ScopeId.of(provider, region, id);
    }
}
