package io.blastradius.ingest.catalog;

import io.blastradius.ingest.probe.ranges.Cidr;
import java.util.List;

/**
 * A region of a provider.
 *
 * @param location coarse geography (us-east, eu-west, ap-northeast, ...), used to place vantage
 *     points and users near it
 * @param prefixes addresses of the region not attributed to a particular provider service
 */
public record Region(String id, String name, String location, List<Cidr> prefixes) {
    public Region {
        prefixes = List.copyOf(prefixes);
    }
}
