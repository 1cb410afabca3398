package io.blastradius.ingest.status;

import io.blastradius.ingest.http.PollTarget;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One followed feed: a name (its Connect source partition), the stage named in its dead letters and
 * one or more endpoints that share its memory of emitted items. A Statuspage page is one source with
 * two endpoints ({@code summary.json} for components and open incidents, {@code incidents.json} for
 * resolutions), whose overlapping incidents are emitted once.
 */
public record FeedSource(String name, String stage, List<Endpoint> endpoints) {
    /** Key of the source partition map. */
    public static final String PARTITION_KEY = "feed";

    public FeedSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("source " + name + " has no endpoint");
        }
    }

    /** The Connect source partition of this feed. */
    public Map<String, String> partition() {
        return Map.of(PARTITION_KEY, name);
    }

    /** A URL to poll and the parser of what it returns. */
    public record Endpoint(PollTarget target, FeedParser parser) {
        public Endpoint {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(parser, "parser");
        }
    }
}
