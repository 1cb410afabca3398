package io.blastradius.ingest.status.statuspage;

import io.blastradius.ingest.status.Subject;
import java.net.URI;
import java.util.Objects;

/**
 * One Atlassian Statuspage page to follow.
 *
 * @param key        short name from the configuration ({@code github}); names the source when the
 *                   payload carries no page id
 * @param baseUrl    the page's public address ({@code https://www.githubstatus.com}); the API lives
 *                   under {@code /api/v2}
 * @param subject    what the page describes: a service id ({@code github}) or a provider scope
 *                   ({@code cloudflare/global})
 * @param components per-component subjects for pages that describe several things
 */
public record StatuspagePage(String key, URI baseUrl, Subject subject, ComponentMapping components) {
    public StatuspagePage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(subject, "subject");
        components = components == null ? ComponentMapping.none() : components;
    }

    public URI summaryUrl() {
        return api("summary.json");
    }

    public URI incidentsUrl() {
        return api("incidents.json");
    }

    private URI api(String file) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/api/v2")) {
            return URI.create(base + "/" + file);
        }
        return URI.create(base + "/api/v2/" + file);
    }
}
