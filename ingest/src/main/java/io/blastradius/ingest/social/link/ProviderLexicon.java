package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cloud providers as people name them: provider ids with their aliases, their regions and their
 * services, each with aliases. {@link #defaults()} covers aws, gcp, azure, cloudflare, fastly,
 * akamai, oracle and digitalocean; {@link #read(InputStream)} takes the same JSON shape
 * ({@code providers.json} in this package) for a deployment's own list.
 *
 * <p>Context aliases are common words or short codes ("lambda", "iam", "cdn", "east us") that link
 * only when the same provider is named in the post by one of its other names.
 */
public final class ProviderLexicon {
    /**
     * A name and its aliases; {@code contextAliases} need the provider named elsewhere in the post.
     * For a provider service, {@code regions} are the region ids it runs in ({@code global} for a
     * regionless instance); empty means unknown, any region.
     */
    public record Named(String id, List<String> aliases, List<String> contextAliases, List<String> regions) {
        public Named {
            Objects.requireNonNull(id, "id");
            aliases = List.copyOf(aliases);
            contextAliases = List.copyOf(contextAliases);
            regions = List.copyOf(regions);
        }

        public Named(String id, List<String> aliases, List<String> contextAliases) {
            this(id, aliases, contextAliases, List.of());
        }

        /** True when the service runs in {@code region} (always, when its regions are unknown). */
        public boolean runsIn(String region) {
            return regions.isEmpty() || regions.contains(region);
        }
    }

    /** One provider: its own names, and its regions and services by id. */
    public record Provider(Named names, List<Named> regions, List<Named> services) {
        public Provider {
            Objects.requireNonNull(names, "names");
            regions = List.copyOf(regions);
            services = List.copyOf(services);
        }

        public String id() {
            return names.id();
        }
    }

    private final List<Provider> providers;

    public ProviderLexicon(List<Provider> providers) {
        this.providers = List.copyOf(providers);
    }

    public List<Provider> providers() {
        return providers;
    }

    /** The built-in lexicon of the providers in docs/DEVELOPING.md. */
    public static ProviderLexicon defaults() {
        return parse(LexiconFiles.resource("providers.json"));
    }

    /** A lexicon in the JSON shape of the built-in {@code providers.json}. */
    public static ProviderLexicon read(InputStream json) {
        return parse(LexiconFiles.read(json, "provider lexicon"));
    }

    /**
     * The lexicon for a world's providers: exactly the world's providers, regions and services (so
     * every scope the linker emits exists in the catalog), named by the world's names and aliases
     * plus the built-in aliases of the same ids.
     */
    public static ProviderLexicon forWorld(List<io.blastradius.ingest.catalog.Provider> worldProviders) {
        Map<String, Provider> builtIn = new HashMap<>();
        defaults().providers().forEach(p -> builtIn.put(p.id(), p));
        List<Provider> out = new ArrayList<>();
        for (io.blastradius.ingest.catalog.Provider wp : worldProviders) {
            Provider known = builtIn.get(wp.id());
            List<String> names = new ArrayList<>();
            names.add(wp.name());
            names.addAll(wp.aliases());
            List<String> context = new ArrayList<>();
            if (known != null) {
                names.addAll(known.names().aliases());
                context.addAll(known.names().contextAliases());
            }
            List<Named> regions = new ArrayList<>();
            for (io.blastradius.ingest.catalog.Region r : wp.regions()) {
                regions.add(merged(r.id(), List.of(r.id(), r.name()), known == null ? null : find(known.regions(), r.id()),
                        List.of()));
            }
            List<Named> services = new ArrayList<>();
            for (io.blastradius.ingest.catalog.ProviderService s : wp.services()) {
                services.add(merged(s.id(), List.of(s.name()), known == null ? null : find(known.services(), s.id()),
                        s.regions()));
            }
            out.add(new Provider(new Named(wp.id(), names, context), regions, services));
        }
        return new ProviderLexicon(out);
    }

    private static Named merged(String id, List<String> worldNames, Named known, List<String> regions) {
        List<String> aliases = new ArrayList<>(worldNames);
        List<String> context = new ArrayList<>();
        if (known != null) {
            aliases.addAll(known.aliases());
            context.addAll(known.contextAliases());
        }
        return new Named(id, aliases, context, regions);
    }

    private static Named find(List<Named> list, String id) {
        return list.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    private static ProviderLexicon parse(JsonNode root) {
        List<Provider> providers = new ArrayList<>();
        for (JsonNode p : root.path("providers")) {
            providers.add(new Provider(named(p), list(p.path("regions")), list(p.path("services"))));
        }
        return new ProviderLexicon(providers);
    }

    private static List<Named> list(JsonNode array) {
        List<Named> out = new ArrayList<>();
        array.forEach(n -> out.add(named(n)));
        return out;
    }

    private static Named named(JsonNode n) {
        String id = n.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("provider lexicon entry without an id: " + n);
        }
        return new Named(id, LexiconFiles.strings(n.get("aliases")), LexiconFiles.strings(n.get("contextAliases")),
                LexiconFiles.strings(n.get("regions")));
    }
}
