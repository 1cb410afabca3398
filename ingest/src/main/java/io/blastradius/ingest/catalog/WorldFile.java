package io.blastradius.ingest.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/** The world file as written, before validation; {@link WorldLoader} turns it into a {@link World}. */
record WorldFile(String id, String description, List<ProviderSpec> providers, List<ServiceSpec> services,
        List<VantageSpec> vantages) {

    record ProviderSpec(String id, String name, List<String> aliases, Long asn, StatusSpec status,
            List<String> prefixes, List<RegionSpec> regions, List<ProviderServiceSpec> services) {
    }

    record StatusSpec(String source, String url) {
    }

    record RegionSpec(String id, String name, String location, List<String> prefixes) {
    }

    record ProviderServiceSpec(String id, String name, List<String> regions, Map<String, List<String>> prefixes,
            String addressesFrom, List<EdgeSpec> dependsOn) {
    }

    record ServiceSpec(String id, String name, String organization, String category, Long users, List<String> aliases,
            List<String> endpoints, String statusPage, List<String> prefixes, List<EdgeSpec> dependsOn) {
    }

    record VantageSpec(String id, String name, String region, Long asn, String provider) {
    }

    /**
     * One dependency, either as a map or in the compact form {@code "<target> [kind] [criticality]"}
     * ({@code "aws/us-east-1/dynamodb database critical"}), which declares an assumption. On a
     * provider service, {@code {region}} in the target stands for each region the service runs in,
     * and {@code regions} limits the edge to some of them.
     */
    record EdgeSpec(String target, String kind, String criticality, Boolean documented, String reference,
            Double confidence, List<String> regions) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        EdgeSpec {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static EdgeSpec compact(String text) {
            String[] words = text.trim().split("\\s+");
            String kind = null;
            String criticality = null;
            for (int i = 1; i < words.length; i++) {
                if (WorldLoader.isCriticality(words[i])) {
                    criticality = words[i];
                } else {
                    kind = kind == null ? words[i] : kind + " " + words[i];
                }
            }
            return new EdgeSpec(words[0], kind, criticality, null, null, null, null);
        }
    }
}
