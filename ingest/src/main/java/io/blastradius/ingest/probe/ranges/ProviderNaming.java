package io.blastradius.ingest.probe.ranges;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How each provider's own service and region names map to catalog scope parts. The full table,
 * with reasons, is in {@code docs/ip-ranges.md}; names not listed here fall through a generic rule
 * so a service the provider adds tomorrow still gets a stable, readable id.
 */
public final class ProviderNaming {
    public static final String AWS = "aws";
    public static final String GCP = "gcp";
    public static final String AZURE = "azure";
    public static final String CLOUDFLARE = "cloudflare";
    public static final String ORACLE = "oracle";
    public static final String DIGITALOCEAN = "digitalocean";

    /** AWS names whose generic rule (lowercase, '_' → '-', no {@code amazon-} prefix) reads badly. */
    private static final Map<String, String> AWS_SERVICES = Map.of(
            "GLOBALACCELERATOR", "global-accelerator",
            "MEDIA_PACKAGE_V2", "mediapackage-v2");

    /**
     * Azure service tags by the part of the tag name before the region suffix. Chosen to match the
     * product names people use (Front Door, Cosmos DB, Entra ID) rather than the tag spelling.
     */
    private static final Map<String, String> AZURE_SERVICES = Map.ofEntries(
            Map.entry("azurecloud", ""),
            Map.entry("azurefrontdoor.frontend", "front-door"),
            Map.entry("azurefrontdoor.backend", "front-door-backend"),
            Map.entry("azurefrontdoor.firstparty", "front-door-first-party"),
            Map.entry("storage", "storage"),
            Map.entry("sql", "sql"),
            Map.entry("azurecosmosdb", "cosmos-db"),
            Map.entry("appservice", "app-service"),
            Map.entry("appservicemanagement", "app-service-management"),
            Map.entry("azureactivedirectory", "entra-id"),
            Map.entry("eventhub", "event-hubs"),
            Map.entry("servicebus", "service-bus"),
            Map.entry("azurekeyvault", "key-vault"),
            Map.entry("azuremonitor", "monitor"),
            Map.entry("azurecontainerregistry", "container-registry"),
            Map.entry("azuretrafficmanager", "traffic-manager"),
            Map.entry("apimanagement", "api-management"),
            Map.entry("azurecdn", "cdn"),
            Map.entry("azurekubernetesservice", "aks"));

    /**
     * Services whose ranges other services are carved from: at one and the same prefix a more
     * specific name wins over them (AWS lists some API Gateway ranges under EC2 too; Oracle's
     * OSN contains Object Storage).
     */
    private static final Set<String> BROAD = Set.of("aws/ec2", "oracle/osn");

    private ProviderNaming() {
    }

    /** AWS {@code service}: {@code AMAZON} is the generic superset (null); {@code ROUTE53_HEALTHCHECKS} → {@code route53-healthchecks}. */
    public static String awsService(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("AMAZON")) {
            return null;
        }
        String mapped = AWS_SERVICES.get(upper);
        if (mapped != null) {
            return mapped;
        }
        String token = ScopeParts.token(upper);
        if (token != null && token.startsWith("amazon-")) {
            token = token.substring("amazon-".length());
        }
        return token;
    }

    /**
     * Azure service from a tag name ({@code Storage.WestEurope}, {@code AzureFrontDoor.Frontend})
     * and its {@code systemService}; null for the generic {@code AzureCloud} tags.
     */
    public static String azureService(String tagName, String systemService) {
        String name = tagName == null || tagName.isBlank() ? systemService : tagName;
        if (name == null || name.isBlank()) {
            return null;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        String mapped = AZURE_SERVICES.get(lower);
        if (mapped == null) {
            int dot = name.indexOf('.');
            String base = dot < 0 ? name.trim() : name.trim().substring(0, dot);
            mapped = AZURE_SERVICES.get(base.toLowerCase(Locale.ROOT));
            if (mapped == null) {
                // AzureMachineLearning → machine-learning, DataFactory → data-factory
                String stripped = base.length() > 5 && base.startsWith("Azure") && Character.isUpperCase(base.charAt(5))
                        ? base.substring(5) : base;
                mapped = ScopeParts.kebab(stripped);
            }
        }
        return mapped == null || mapped.isEmpty() ? null : mapped;
    }

    /** Google {@code cloud.json} names every prefix "Google Cloud": generic. Anything else is kept as a token. */
    public static String gcpService(String raw) {
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("Google Cloud")) {
            return null;
        }
        return ScopeParts.token(raw);
    }

    /** Oracle tag: {@code OCI} (customer VCN ranges) is generic; {@code OBJECT_STORAGE} → {@code object-storage}. */
    public static String oracleService(String tag) {
        if (tag == null || tag.isBlank() || tag.trim().equalsIgnoreCase("OCI")) {
            return null;
        }
        return ScopeParts.token(tag);
    }

    /**
     * DigitalOcean geofeed city → region slug as DigitalOcean and the catalog write it. The geofeed
     * names a city, not a datacenter: New York is nyc1, nyc2 or nyc3 and is attributed to nyc3, the
     * one new resources land in; likewise sfo3, ams3.
     */
    private static final Map<String, String> DIGITALOCEAN_CITIES = Map.ofEntries(
            Map.entry("new york", "nyc3"),
            Map.entry("clifton", "nyc3"),
            Map.entry("north bergen", "nyc3"),
            Map.entry("san francisco", "sfo3"),
            Map.entry("santa clara", "sfo3"),
            Map.entry("amsterdam", "ams3"),
            Map.entry("singapore", "sgp1"),
            Map.entry("london", "lon1"),
            Map.entry("frankfurt", "fra1"),
            Map.entry("toronto", "tor1"),
            Map.entry("bangalore", "blr1"),
            Map.entry("bengaluru", "blr1"),
            Map.entry("sydney", "syd1"),
            Map.entry("atlanta", "atl1"));

    /**
     * DigitalOcean region from a geofeed row: the datacenter slug ({@code nyc3}, {@code fra1}) when
     * the city is a known datacenter city, else the ISO 3166-2 region code ({@code us-ny}), else the
     * country, else global.
     */
    public static String digitaloceanRegion(String country, String regionCode, String city) {
        if (city != null) {
            String slug = DIGITALOCEAN_CITIES.get(city.trim().toLowerCase(Locale.ROOT));
            if (slug != null) {
                return slug;
            }
        }
        String fallback = ScopeParts.token(regionCode);
        if (fallback == null) {
            fallback = ScopeParts.token(country);
        }
        return fallback == null ? ScopeParts.GLOBAL : fallback;
    }

    /** 0 for a generic entry, 1 for a broad service, 2 for a specific one; used to order entries of one prefix. */
    static int serviceRank(String provider, String service) {
        if (service == null) {
            return 0;
        }
        return BROAD.contains(provider + "/" + service) ? 1 : 2;
    }
}
