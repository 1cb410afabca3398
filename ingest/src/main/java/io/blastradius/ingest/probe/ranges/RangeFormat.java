package io.blastradius.ingest.probe.ranges;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The published range file formats this project reads, with the id used in configuration. */
public enum RangeFormat {
    /** AWS {@code ip-ranges.json}. */
    AWS("aws", ProviderNaming.AWS, Duration.ofHours(1)),
    /** Google Cloud customer ranges with region, {@code cloud.json}. */
    GCP_CLOUD("gcp-cloud", ProviderNaming.GCP, Duration.ofHours(1)),
    /** All Google-owned ranges without service or region, {@code goog.json}. */
    GCP_GOOG("gcp-goog", ProviderNaming.GCP, Duration.ofHours(1)),
    /** Azure Service Tags ({@code ServiceTags_Public_YYYYMMDD.json}). */
    AZURE("azure", ProviderNaming.AZURE, Duration.ofHours(1)),
    /** Cloudflare's plain-text lists ({@code /ips-v4}, {@code /ips-v6}), one CIDR per line. */
    CLOUDFLARE_TEXT("cloudflare-text", ProviderNaming.CLOUDFLARE, Duration.ofHours(1)),
    /** Cloudflare's API answer ({@code /client/v4/ips}). */
    CLOUDFLARE_JSON("cloudflare-json", ProviderNaming.CLOUDFLARE, Duration.ofHours(1)),
    /** Oracle Cloud {@code public_ip_ranges.json}; Oracle asks for at most one poll a day. */
    ORACLE("oracle", ProviderNaming.ORACLE, Duration.ofHours(24)),
    /** DigitalOcean's RFC 8805 geofeed CSV. */
    DIGITALOCEAN("digitalocean", ProviderNaming.DIGITALOCEAN, Duration.ofHours(1));

    private final String id;
    private final String provider;
    private final Duration minRefreshInterval;

    RangeFormat(String id, String provider, Duration minRefreshInterval) {
        this.id = id;
        this.provider = provider;
        this.minRefreshInterval = minRefreshInterval;
    }

    /** Configuration id, e.g. {@code gcp-cloud}. */
    public String id() {
        return id;
    }

    /** Catalog provider every entry of this format belongs to. */
    public String provider() {
        return provider;
    }

    /** Shortest polling interval the publisher tolerates; a configured interval below it is raised to it. */
    public Duration minRefreshInterval() {
        return minRefreshInterval;
    }

    /** Looks a format up by its configuration id (case-insensitive). */
    public static RangeFormat fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (RangeFormat f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown range file format '" + id + "'; known: "
                + Arrays.stream(values()).map(RangeFormat::id).collect(Collectors.joining(", ")));
    }
}
