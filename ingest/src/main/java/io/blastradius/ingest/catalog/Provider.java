package io.blastradius.ingest.catalog;

import io.blastradius.ingest.probe.ranges.Cidr;
import io.blastradius.schemas.scope.ScopeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cloud or edge provider: its regions, its services and how it reports its own health.
 *
 * @param aliases names people use for it in posts ("aws", "amazon web services", "#awsoutage")
 * @param asn the autonomous system its addresses are announced from
 * @param statusSource the source id its status feed publishes under (aws-health, gcp-status,
 *     azure-status, statuspage:&lt;page id&gt;)
 * @param prefixes provider-wide addresses with no region (anycast edges)
 */
public record Provider(String id, String name, List<String> aliases, long asn, String statusSource, String statusUrl,
        List<Region> regions, List<ProviderService> services, List<Cidr> prefixes) {

    public Provider {
        aliases = List.copyOf(aliases);
        regions = List.copyOf(regions);
        services = List.copyOf(services);
        prefixes = List.copyOf(prefixes);
    }

    public Optional<Region> region(String regionId) {
        return regions.stream().filter(r -> r.id().equals(regionId)).findFirst();
    }

    public Optional<ProviderService> service(String serviceId) {
        return services.stream().filter(s -> s.id().equals(serviceId)).findFirst();
    }

    /** True when {@code scope} names this provider and a region and service it has. */
    public boolean has(ScopeId scope) {
        if (!scope.provider().equals(id)) {
            return false;
        }
        boolean regionOk = scope.isGlobalRegion() || region(scope.region()).isPresent();
        if (!regionOk) {
            return false;
        }
        if (scope.service() == null) {
            return true;
        }
        Optional<ProviderService> service = service(scope.service());
        // aws/global/dynamodb means DynamoDB everywhere, which exists whenever DynamoDB runs anywhere.
        return service.isPresent() && (scope.isGlobalRegion() || service.get().runsIn(scope.region()));
    }

    /** Every concrete scope of the provider: itself, its regions, and each service in each place it runs. */
    public List<ScopeId> scopes() {
        List<ScopeId> scopes = new ArrayList<>();
        scopes.add(ScopeId.of(id, null, null));
        regions.forEach(r -> scopes.add(ScopeId.of(id, r.id(), null)));
        for (ProviderService s : services) {
            s.regions().forEach(r -> scopes.add(s.scope(id, r)));
        }
        return scopes;
    }
}
