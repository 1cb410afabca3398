package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
    /** A name and its aliases; {@code contextAliases} need the provider named elsewhere in the post. */
    public record Named(String id, List<String> aliases, List<String> contextAliases) {
        public Named {
            Objects.requireNonNull(id, "id");
            aliases = List.copyOf(aliases);
            contextAliases = List.copyOf(contextAliases);
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
        return new Named(id, LexiconFiles.strings(n.get("aliases")), LexiconFiles.strings(n.get("contextAliases")));
    }
}
