package io.blastradius.ingest.status.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.blastradius.ingest.status.EventDraft;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.FeedParser;
import io.blastradius.ingest.status.FeedTime;
import io.blastradius.ingest.status.Json;
import io.blastradius.ingest.status.LenientTime;
import io.blastradius.ingest.status.ParseContext;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.ingest.status.ParseResult.RejectedItem;
import io.blastradius.ingest.status.Subject;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.ingest.status.FeedEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Google Cloud's {@code incidents.json}: a JSON array of incidents, open and historical. An
 * incident is open while {@code end} is missing, null or empty. Each update becomes one event per
 * affected product and location ({@code gcp/<location>/<product>}); an update's own
 * {@code affected_locations} win over the incident's, and an incident naming no location is global.
 *
 * <p>Updates have no ids: an update is identified by its {@code created} stamp (system time, stable),
 * timed by {@code when}, and its {@code modified} stamp and text are content, so an edit comes out
 * again. When an incident gets its {@code end}, its newest update is re-issued as a resolution even
 * if its status word is not {@code AVAILABLE}. Big numeric ids ({@code number}) are never read as
 * numbers.
 */
public final class GcpIncidentsParser implements FeedParser {
    public static final String SOURCE = "gcp-status";
    private static final String BASE_URL = "https://status.cloud.google.com/";

    private final GcpScopes scopes;

    public GcpIncidentsParser(GcpScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public ParseResult parse(String payload, ParseContext ctx) throws FeedFormatException {
        JsonNode root = Json.read(payload, "Google Cloud incidents");
        if (!root.isArray()) {
            throw new FeedFormatException("Google Cloud incidents: expected a JSON array, got " + root.getNodeType());
        }
        List<FeedEvent> events = new ArrayList<>();
        List<RejectedItem> rejected = new ArrayList<>();
        for (JsonNode incident : root) {
            try {
                incident(incident, ctx, events);
            } catch (IllegalArgumentException | DateTimeException e) {
                rejected.add(new RejectedItem("incident " + Json.text(incident, "id"), e.getMessage(),
                        Json.snippet(incident, 4000)));
            }
        }
        return ParseResult.of(events, rejected);
    }

    private void incident(JsonNode incident, ParseContext ctx, List<FeedEvent> out) {
        String id = Json.text(incident, "id");
        if (id == null) {
            throw new IllegalArgumentException("incident without id");
        }
        FeedTime modified = LenientTime.parse(incident.path("modified")).orElse(null);
        if (modified != null && ctx.isHistory(modified.instant())) {
            // the file keeps years of incidents: skip old ones before reading their updates
            return;
        }
        boolean ended = Json.text(incident, "end") != null;
        String title = Json.text(incident, "external_desc");
        String uri = Json.text(incident, "uri");
        String url = BASE_URL + (uri != null ? uri.replaceFirst("^/", "") : "incidents/" + id);

        Map<String, String> products = new LinkedHashMap<>();
        for (JsonNode p : Json.array(incident, "affected_products")) {
            String title1 = Json.text(p, "title");
            products.put(scopes.serviceOf(Json.text(p, "id"), title1), title1);
        }
        if (products.isEmpty()) {
            String name = Json.text(incident, "service_name");
            products.put(scopes.serviceOf(Json.text(incident, "service_key"), name), name);
        }
        Set<String> incidentLocations = new LinkedHashSet<>();
        locations(Json.array(incident, "currently_affected_locations"), incidentLocations);
        locations(Json.array(incident, "previously_affected_locations"), incidentLocations);

        List<JsonNode> updates = new ArrayList<>();
        Json.array(incident, "updates").forEach(updates::add);
        if (updates.isEmpty() && incident.path("most_recent_update").isObject()) {
            updates.add(incident.path("most_recent_update"));
        }
        updates.sort(Comparator.comparing(u -> when(u).instant()));
        for (int i = 0; i < updates.size(); i++) {
            JsonNode u = updates.get(i);
            FeedTime when = when(u);
            FeedTime created = LenientTime.parse(u.path("created")).orElse(when);
            String updModified = Json.text(u, "modified");
            FeedTime changed = updModified == null ? created : LenientTime.parse(updModified);
            String word = Json.text(u, "status");
            boolean endsIncident = ended && i == updates.size() - 1;
            boolean resolves = "AVAILABLE".equalsIgnoreCase(word) || endsIncident;
            Instant changedAt = endsIncident && modified != null && modified.instant().isAfter(changed.instant())
                    ? modified.instant() : changed.instant();
            ComponentStatus status = resolves ? ComponentStatus.OPERATIONAL : GcpScopes.statusOf(word);
            String phase = resolves ? "resolved" : word == null ? null : word.toLowerCase(Locale.ROOT);
            Set<String> locations = new LinkedHashSet<>();
            locations(Json.array(u, "affected_locations"), locations);
            if (locations.isEmpty()) {
                locations.addAll(incidentLocations);
            }
            if (locations.isEmpty()) {
                locations.add("global");
            }
            String text = Json.text(u, "text");
            for (Map.Entry<String, String> product : products.entrySet()) {
                for (String location : locations) {
                    Subject subject = Subject.scope(scopes.scopeOf(product.getKey(), location));
                    out.add(new EventDraft(SOURCE, subject)
                            .component(null, product.getValue())
                            .incident(id, phase)
                            .update(created.instant().toString())
                            .status(status)
                            .title(title)
                            .body(text)
                            .url(url)
                            .time(when)
                            .changedAt(changedAt)
                            .content(word, text, updModified, Boolean.toString(resolves))
                            .build(ctx.ingestTime()));
                }
            }
        }
    }

    private static FeedTime when(JsonNode update) {
        return LenientTime.parse(update.path("when"))
                .or(() -> LenientTime.parse(update.path("created")))
                .orElseThrow(() -> new IllegalArgumentException("update without when or created"));
    }

    private static void locations(JsonNode list, Set<String> into) {
        for (JsonNode l : list) {
            String id = Json.text(l, "id");
            if (id != null) {
                into.add(id.trim().toLowerCase(Locale.ROOT));
            }
        }
    }
}
