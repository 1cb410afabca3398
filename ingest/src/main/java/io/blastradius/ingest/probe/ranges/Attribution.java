package io.blastradius.ingest.probe.ranges;

import io.blastradius.schemas.scope.ScopeId;
import java.util.Objects;

/**
 * Where an address lives according to the providers' published ranges: the provider, region and
 * provider service of the most specific prefixes that contain it. Instances are immutable and
 * shared by every lookup that lands in the same place, so a lookup allocates nothing.
 */
public final class Attribution {
    private final String provider;
    private final String region;
    private final String service;
    private final String prefix;
    private final String location;
    private final ScopeId scope;

    Attribution(String provider, String region, String service, String prefix, String location) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.region = Objects.requireNonNull(region, "region");
        this.service = service;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.location = location;
        this.scope = ScopeId.of(provider, region, service);
    }

    /** Catalog provider id, e.g. {@code aws}. */
    public String provider() {
        return provider;
    }

    /** Catalog region, {@code global} when no containing prefix names one. */
    public String region() {
        return region;
    }

    /** Provider service in short form ({@code ec2}, {@code cloudfront}), or null when only generic prefixes match. */
    public String service() {
        return service;
    }

    /** The longest matching prefix in canonical CIDR form. */
    public String prefix() {
        return prefix;
    }

    /** Finer place than the region when the file gives one (AWS network border group, DigitalOcean city), or null. */
    public String location() {
        return location;
    }

    /** The attribution as a catalog scope: {@code provider/region[/service]}. */
    public ScopeId scope() {
        return scope;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribution a && provider.equals(a.provider) && region.equals(a.region)
                && Objects.equals(service, a.service) && prefix.equals(a.prefix) && Objects.equals(location, a.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, region, service, prefix, location);
    }

    @Override
    public String toString() {
        return scope + " (" + prefix + (location == null ? "" : ", " + location) + ")";
    }
}
