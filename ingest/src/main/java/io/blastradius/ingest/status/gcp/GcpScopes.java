package io.blastradius.ingest.status.gcp;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.scope.ScopeId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps Google Cloud status products and locations to catalog scopes: {@code Cloud Run} in
 * {@code us-central1} is {@code gcp/us-central1/cloud-run}; the location {@code global} stays
 * {@code global}; multi-regions ({@code us}, {@code eu}, {@code asia}) keep their id as the region.
 * Products are matched by title, case-insensitively, through an alias table of the catalog's short
 * names, extendable from configuration; an unknown product becomes its title in lowercase with
 * dashes ({@code Google Cloud Deploy} becomes {@code deploy}).
 */
public final class GcpScopes {
    private static final Map<String, String> DEFAULT_ALIASES = Map.ofEntries(
            Map.entry("google compute engine", "compute"),
            Map.entry("compute engine", "compute"),
            Map.entry("google cloud storage", "gcs"),
            Map.entry("cloud storage", "gcs"),
            Map.entry("google cloud sql", "cloud-sql"),
            Map.entry("cloud sql", "cloud-sql"),
            Map.entry("google kubernetes engine", "gke"),
            Map.entry("google bigquery", "bigquery"),
            Map.entry("bigquery", "bigquery"),
            Map.entry("cloud firestore", "firestore"),
            Map.entry("firestore", "firestore"),
            Map.entry("cloud run", "cloud-run"),
            Map.entry("google cloud functions", "cloud-functions"),
            Map.entry("cloud functions", "cloud-functions"),
            Map.entry("identity and access management", "iam"),
            Map.entry("google cloud pub/sub", "pubsub"),
            Map.entry("cloud pub/sub", "pubsub"),
            Map.entry("pub/sub", "pubsub"),
            Map.entry("cloud load balancing", "load-balancing"),
            Map.entry("google cloud dns", "cloud-dns"),
            Map.entry("cloud dns", "cloud-dns"),
            Map.entry("firebase authentication", "firebase-auth"),
            Map.entry("google maps platform", "maps-platform"),
            Map.entry("google cloud networking", "networking"),
            Map.entry("cloud networking", "networking"),
            Map.entry("virtual private cloud (vpc)", "vpc"),
            Map.entry("cloud memorystore", "memorystore"),
            Map.entry("cloud spanner", "spanner"),
            Map.entry("google cloud console", "console"),
            Map.entry("cloud monitoring", "monitoring"),
            Map.entry("cloud logging", "logging"),
            Map.entry("service control", "service-control"),
            Map.entry("google cloud service control", "service-control"),
            Map.entry("apigee", "apigee"),
            Map.entry("vertex ai", "vertex-ai"),
            Map.entry("vertex gemini api", "vertex-ai"),
            Map.entry("cloud cdn", "cdn"),
            Map.entry("media cdn", "media-cdn"),
            Map.entry("artifact registry", "artifact-registry"),
            Map.entry("cloud build", "cloud-build"),
            Map.entry("app engine", "app-engine"),
            Map.entry("google app engine", "app-engine"));

    private final Map<String, String> aliases;

    private GcpScopes(Map<String, String> aliases) {
        this.aliases = aliases;
    }

    public static GcpScopes defaults() {
        return new GcpScopes(DEFAULT_ALIASES);
    }

    /** The defaults plus {@code extra} ({@code product title or id -> catalog service}), which win. */
    public static GcpScopes withAliases(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(DEFAULT_ALIASES);
        extra.forEach((k, v) -> all.put(k.trim().toLowerCase(Locale.ROOT), v.trim().toLowerCase(Locale.ROOT)));
        return new GcpScopes(Map.copyOf(all));
    }

    /** Catalog service name of a product, by id (when aliased) or title. */
    public String serviceOf(String productId, String title) {
        if (productId != null) {
            String byId = aliases.get(productId.trim().toLowerCase(Locale.ROOT));
            if (byId != null) {
                return byId;
            }
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("product without title");
        }
        String t = title.trim().toLowerCase(Locale.ROOT);
        String alias = aliases.get(t);
        if (alias != null) {
            return alias;
        }
        String slug = t.replaceFirst("^google cloud ", "").replaceFirst("^google ", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("product title '" + title + "' gives no usable name");
        }
        return slug;
    }

    /** Scope of a product in a location id ({@code us-central1}, {@code global}, {@code eu}); null location = global. */
    public ScopeId scopeOf(String service, String locationId) {
        String region = locationId == null || locationId.isBlank() ? ScopeId.GLOBAL
                : locationId.trim().toLowerCase(Locale.ROOT);
        return ScopeId.of("gcp", region, service);
    }

    /** Status of an update's (or incident's) status word. */
    public static ComponentStatus statusOf(String raw) {
        String s = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        switch (s) {
            case "AVAILABLE":
                return ComponentStatus.OPERATIONAL;
            case "SERVICE_INFORMATION":
                return ComponentStatus.DEGRADED;
            case "SERVICE_DISRUPTION":
                return ComponentStatus.PARTIAL_OUTAGE;
            case "SERVICE_OUTAGE":
                return ComponentStatus.MAJOR_OUTAGE;
            default:
                return ComponentStatus.UNKNOWN;
        }
    }
}
