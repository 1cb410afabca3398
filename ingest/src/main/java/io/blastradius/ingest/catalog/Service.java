package io.blastradius.ingest.catalog;

import io.blastradius.ingest.probe.ranges.Cidr;
import java.util.List;

/**
 * A downstream service in the world: what it is called, who runs it, how many use it, what can be
 * probed and what it depends on.
 *
 * @param aliases names people use in posts: names, product names, cashtags ({@code $COIN}),
 *     hashtags ({@code #coinbasedown}), common misspellings
 * @param users approximate user base (monthly users or customers); drives complaint volumes
 * @param endpoints public URLs or host names probes check, the main one first
 * @param statusPage URL of its status page, or null when it has none
 * @param prefixes the service's own address ranges when it runs its own network (Meta, Google),
 *     else empty
 * @param dependencies its declared dependency edges, each {@code from} this service
 */
public record Service(String id, String name, String organization, String category, long users,
        List<String> aliases, List<String> endpoints, String statusPage, List<Cidr> prefixes,
        List<DependencyEdge> dependencies) {
    public Service {
        prefixes = List.copyOf(prefixes);
        aliases = List.copyOf(aliases);
        endpoints = List.copyOf(endpoints);
        dependencies = List.copyOf(dependencies);
    }
}
