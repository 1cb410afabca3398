package io.blastradius.ingest.status.azure;

import io.blastradius.schemas.scope.ScopeId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps Azure status names to catalog scopes: region display names to region ids
 * ({@code East US 2} to {@code eastus2}) and service names to short lowercase names
 * ({@code Virtual Machines} to {@code vm}, the default world's names), with an alias table extendable from
 * configuration. "Global", "Multiple Regions" and friends are {@code global}.
 */
public final class AzureScopes {
    private static final Set<String> REGIONS = Set.of(
            "eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northcentralus", "southcentralus",
            "westcentralus", "canadacentral", "canadaeast", "brazilsouth", "brazilsoutheast", "mexicocentral",
            "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "francesouth", "germanywestcentral",
            "germanynorth", "switzerlandnorth", "switzerlandwest", "norwayeast", "norwaywest", "swedencentral",
            "swedensouth", "polandcentral", "italynorth", "spaincentral", "austriaeast", "belgiumcentral",
            "denmarkeast", "eastasia", "southeastasia", "japaneast", "japanwest", "koreacentral", "koreasouth",
            "australiaeast", "australiasoutheast", "australiacentral", "australiacentral2", "centralindia",
            "southindia", "westindia", "jioindiawest", "jioindiacentral", "uaenorth", "uaecentral",
            "southafricanorth", "southafricawest", "qatarcentral", "israelcentral", "newzealandnorth",
            "indonesiacentral", "malaysiawest", "chilecentral", "taiwannorth", "usgovvirginia", "usgovarizona",
            "usgovtexas", "usdodeast", "usdodcentral", "chinaeast", "chinaeast2", "chinaeast3", "chinanorth",
            "chinanorth2", "chinanorth3");
    private static final Set<String> GLOBAL = Set.of("global", "multipleregions", "multiple regions", "worldwide",
            "allregions", "nonregional", "non-regional");
    private static final Map<String, String> DEFAULT_ALIASES = Map.ofEntries(
            Map.entry("virtual machines", "vm"),
            Map.entry("vm scale sets", "vm"),
            Map.entry("virtual machine scale sets", "vm"),
            Map.entry("azure front door", "front-door"),
            Map.entry("front door", "front-door"),
            Map.entry("azure cdn", "cdn"),
            Map.entry("azure dns", "azure-dns"),
            Map.entry("dns", "azure-dns"),
            Map.entry("storage", "storage"),
            Map.entry("azure storage", "storage"),
            Map.entry("azure sql database", "sql"),
            Map.entry("sql database", "sql"),
            Map.entry("service bus", "service-bus"),
            Map.entry("azure service bus", "service-bus"),
            Map.entry("azure cosmos db", "cosmos-db"),
            Map.entry("azure active directory", "entra-id"),
            Map.entry("microsoft entra id", "entra-id"),
            Map.entry("azure kubernetes service", "aks"),
            Map.entry("azure kubernetes service (aks)", "aks"),
            Map.entry("app service", "app-service"),
            Map.entry("azure app service", "app-service"),
            Map.entry("azure functions", "functions"),
            Map.entry("virtual network", "virtual-network"),
            Map.entry("load balancer", "load-balancer"),
            Map.entry("azure resource manager", "arm"),
            Map.entry("azure resource manager (arm)", "arm"));

    private final Map<String, String> aliases;

    private AzureScopes(Map<String, String> aliases) {
        this.aliases = aliases;
    }

    public static AzureScopes defaults() {
        return new AzureScopes(DEFAULT_ALIASES);
    }

    /** The defaults plus {@code extra} ({@code service name -> catalog service}), which win on conflict. */
    public static AzureScopes withAliases(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(DEFAULT_ALIASES);
        extra.forEach((k, v) -> all.put(k.trim().toLowerCase(Locale.ROOT), v.trim().toLowerCase(Locale.ROOT)));
        return new AzureScopes(Map.copyOf(all));
    }

    /** Region id of a display name, {@code global} for global phrases, null when it is not a region. */
    public String regionOf(String displayName) {
        if (displayName == null) {
            return null;
        }
        String n = displayName.trim().toLowerCase(Locale.ROOT);
        if (GLOBAL.contains(n) || GLOBAL.contains(n.replace(" ", ""))) {
            return ScopeId.GLOBAL;
        }
        String id = n.replaceAll("[^a-z0-9]", "");
        return REGIONS.contains(id) ? id : null;
    }

    /** Catalog name of a service display name. */
    public String serviceOf(String displayName) {
        String n = displayName.trim().toLowerCase(Locale.ROOT);
        String alias = aliases.get(n);
        if (alias != null) {
            return alias;
        }
        String slug = n.replaceFirst("^(microsoft )?azure ", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+)|(-+$)", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("service name '" + displayName + "' gives no usable name");
        }
        return slug;
    }
}
