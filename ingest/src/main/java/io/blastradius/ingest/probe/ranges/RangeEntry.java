package io.blastradius.ingest.probe.ranges;

import java.util.Objects;

/**
 * One prefix of a provider's published range file, normalized to catalog scope parts.
 *
 * @param cidr the prefix
 * @param provider catalog provider id ({@code aws}, {@code gcp}, {@code azure}, {@code cloudflare},
 *     {@code oracle}, {@code digitalocean})
 * @param region catalog region, {@code global} when the file gives none
 * @param service short lowercase provider service ({@code cloudfront}, {@code front-door}), or null
 *     for a generic entry that names none ({@code AMAZON}, {@code AzureCloud}, {@code goog.json})
 * @param location finer place the file names inside the region (AWS network border group,
 *     DigitalOcean city), or null
 */
public record RangeEntry(Cidr cidr, String provider, String region, String service, String location) {

    public RangeEntry {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
    }

    /** True when the region is a real one rather than {@code global}. */
    public boolean regional() {
        return !ScopeParts.GLOBAL.equals(region);
    }
}
