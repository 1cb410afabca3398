package io.blastradius.ingest.status.statuspage;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Atlassian Statuspage v2 documents ({@code summary.json}, {@code incidents.json},
 * {@code components.json}, the maintenance lists) of one page.
 *
 * <p>Yields two kinds of events:
 * <ul>
 *   <li>component states: one per leaf component (group containers are rollups of their children and
 *       would double-count), identified by the component's {@code updated_at} and status;</li>
 *   <li>incident updates: one per update and affected component (or per update when no component is
 *       named), identified by the update id plus its status, body and {@code updated_at}, so an
 *       update edited in place (same id, later {@code updated_at}) comes out again as an update event of
 *       the same incident. Event time is {@code display_at}: back-dated updates land where the page
 *       shows them on its timeline.</li>
 * </ul>
 * The parser remembers the page's component list from the last document that had one, to name the
 * groups of components that incident payloads mention only by id.
 */
public final class StatuspageParser implements FeedParser {
    private final StatuspagePage page;
    private final Map<String, ComponentInfo> components = new ConcurrentHashMap<>();

    public StatuspageParser(StatuspagePage page) {
        this.page = page;
    }

    @Override
    public ParseResult parse(String payload, ParseContext ctx) throws FeedFormatException {
        JsonNode root = Json.read(payload, "Statuspage " + page.key());
        if (!root.isObject() || !root.path("page").isObject()) {
            throw new FeedFormatException("Statuspage " + page.key() + ": not a Statuspage v2 document (no 'page' object)");
        }
        boolean hasContent = root.has("components") || root.has("incidents") || root.has("scheduled_maintenances")
                || root.has("status");
        if (!hasContent) {
            throw new FeedFormatException("Statuspage " + page.key()
                    + ": document has neither components, incidents, maintenances nor status");
        }
        String pageId = Json.text(root.path("page"), "id");
        String source = "statuspage:" + (pageId != null ? pageId.toLowerCase(Locale.ROOT) : page.key());
        String pageUrl = Json.text(root.path("page"), "url");
        List<FeedEvent> events = new ArrayList<>();
        List<RejectedItem> rejected = new ArrayList<>();

        learnComponents(Json.array(root, "components"));
        for (JsonNode incident : Json.array(root, "incidents")) {
            learnComponents(Json.array(incident, "components"));
        }
        for (JsonNode c : Json.array(root, "components")) {
            componentState(source, c, ctx, events, rejected);
        }
        for (JsonNode incident : Json.array(root, "incidents")) {
            incident(source, pageUrl, incident, false, ctx, events, rejected);
        }
        for (JsonNode maintenance : Json.array(root, "scheduled_maintenances")) {
            incident(source, pageUrl, maintenance, true, ctx, events, rejected);
        }
        return ParseResult.of(events, rejected);
    }

    private void learnComponents(JsonNode list) {
        for (JsonNode c : list) {
            String id = Json.text(c, "id");
            if (id != null) {
                components.put(id, new ComponentInfo(id, Json.text(c, "name"), Json.text(c, "group_id"),
                        c.path("group").asBoolean(false)));
            }
        }
    }

    private void componentState(String source, JsonNode c, ParseContext ctx, List<FeedEvent> out,
                                List<RejectedItem> rejected) {
        if (c.path("group").asBoolean(false)) {
            return;
        }
        String id = Json.text(c, "id");
        String rawStatus = Json.text(c, "status");
        try {
            if (id == null || rawStatus == null) {
                throw new IllegalArgumentException("component without id or status");
            }
            FeedTime updated = LenientTime.parse(c.path("updated_at")).orElse(null);
            if (updated == null) {
                throw new IllegalArgumentException("component " + id + " without updated_at");
            }
            ComponentStatus status = componentStatus(rawStatus);
            String name = Json.text(c, "name");
            String group = groupName(Json.text(c, "group_id"));
            Subject subject = subjectOf(id, name, group);
            out.add(new EventDraft(source, subject)
                    .component(id, displayName(name, group))
                    .status(status)
                    .time(updated)
                    .url(page.baseUrl().toString())
                    .changedAt(updated.instant())
                    // a component that stays down stays news: never history, never aged out of the offsets
                    .sticky(status != ComponentStatus.OPERATIONAL)
                    .content("component-state", rawStatus, updated.raw())
                    .build(ctx.ingestTime()));
        } catch (IllegalArgumentException | DateTimeException e) {
            rejected.add(new RejectedItem("component " + id, e.getMessage(), Json.snippet(c, 2000)));
        }
    }

    private void incident(String source, String pageUrl, JsonNode incident, boolean maintenance, ParseContext ctx,
                          List<FeedEvent> out, List<RejectedItem> rejected) {
        String incidentId = Json.text(incident, "id");
        if (incidentId == null) {
            rejected.add(new RejectedItem("incident", "incident without id", Json.snippet(incident, 2000)));
            return;
        }
        String title = Json.text(incident, "name");
        String impact = Json.text(incident, "impact");
        String url = Json.text(incident, "shortlink");
        if (url == null) {
            String base = pageUrl != null ? pageUrl : page.baseUrl().toString();
            url = (base.endsWith("/") ? base : base + "/") + "incidents/" + incidentId;
        }
        ComponentStatus currentWorst = worstOf(Json.array(incident, "components"));
        for (JsonNode update : Json.array(incident, "incident_updates")) {
            try {
                update(source, incidentId, title, impact, url, maintenance, currentWorst, incident, update, ctx, out);
            } catch (IllegalArgumentException | DateTimeException e) {
                rejected.add(new RejectedItem("incident " + incidentId + " update " + Json.text(update, "id"),
                        e.getMessage(), Json.snippet(update, 4000)));
            }
        }
    }

    private void update(String source, String incidentId, String title, String impact, String url, boolean maintenance,
                        ComponentStatus currentWorst, JsonNode incident, JsonNode update, ParseContext ctx,
                        List<FeedEvent> out) {
        String updateId = Json.text(update, "id");
        if (updateId == null) {
            throw new IllegalArgumentException("update without id");
        }
        FeedTime created = LenientTime.parse(update.path("created_at")).orElse(null);
        FeedTime updated = LenientTime.parse(update.path("updated_at")).orElse(created);
        FeedTime display = LenientTime.parse(update.path("display_at")).orElse(created != null ? created : updated);
        if (display == null) {
            throw new IllegalArgumentException("update " + updateId + " has no display_at, created_at or updated_at");
        }
        Instant changedAt = latest(display.instant(), created, updated);
        String phase = lower(Json.text(update, "status"));
        String body = Json.text(update, "body");
        ComponentStatus derived = derivedStatus(phase, impact, maintenance, currentWorst);

        List<Target> targets = new ArrayList<>();
        for (JsonNode affected : Json.array(update, "affected_components")) {
            String code = Json.text(affected, "code");
            if (code == null) {
                continue; // "No components were affected by this update." placeholder
            }
            String newStatus = Json.text(affected, "new_status");
            targets.add(new Target(code, Json.text(affected, "name"), newStatus));
        }
        if (targets.isEmpty()) {
            for (JsonNode c : Json.array(incident, "components")) {
                String id = Json.text(c, "id");
                if (id != null && !c.path("group").asBoolean(false)) {
                    targets.add(new Target(id, Json.text(c, "name"), null));
                }
            }
        }
        if (targets.isEmpty()) {
            out.add(draft(source, page.subject(), null, null, incidentId, phase, updateId, title, body, url, display)
                    .status(derived)
                    .changedAt(changedAt)
                    .content(phase, body, updated == null ? null : updated.raw())
                    .build(ctx.ingestTime()));
            return;
        }
        for (Target t : targets) {
            ComponentInfo info = components.get(t.id);
            String name = info != null && info.name != null ? info.name : t.name;
            String group = info != null ? groupName(info.groupId) : null;
            // The component's own transition is the more specific fact, even on a resolving update.
            ComponentStatus status = t.newStatus != null ? componentStatus(t.newStatus) : derived;
            out.add(draft(source, subjectOf(t.id, name, group), t.id, displayName(name, group), incidentId, phase,
                    updateId, title, body, url, display)
                    .status(status)
                    .changedAt(changedAt)
                    .content(phase, body, updated == null ? null : updated.raw())
                    .build(ctx.ingestTime()));
        }
    }

    private EventDraft draft(String source, Subject subject, String componentId, String componentName,
                             String incidentId, String phase, String updateId, String title, String body, String url,
                             FeedTime time) {
        return new EventDraft(source, subject)
                .component(componentId, componentName)
                .incident(incidentId, phase.isEmpty() ? null : phase)
                .update(updateId)
                .title(title)
                .body(body)
                .url(url)
                .time(time);
    }

    private static Instant latest(Instant first, FeedTime... others) {
        Instant max = first;
        for (FeedTime t : others) {
            if (t != null && t.instant().isAfter(max)) {
                max = t.instant();
            }
        }
        return max;
    }

    private Subject subjectOf(String id, String name, String group) {
        Subject mapped = page.components().subjectOf(id, name, group);
        return mapped != null ? mapped : page.subject();
    }

    private String groupName(String groupId) {
        if (groupId == null) {
            return null;
        }
        ComponentInfo group = components.get(groupId);
        return group == null ? null : group.name;
    }

    private static String displayName(String name, String group) {
        if (name == null) {
            return null;
        }
        // Incident payloads name grouped components "Group - Child" already.
        return group == null || name.startsWith(group + " - ") ? name : group + " - " + name;
    }

    private ComponentStatus worstOf(JsonNode list) {
        ComponentStatus worst = null;
        for (JsonNode c : list) {
            String s = Json.text(c, "status");
            if (s != null && !c.path("group").asBoolean(false)) {
                ComponentStatus status = componentStatus(s);
                if (worst == null || severity(status) > severity(worst)) {
                    worst = status;
                }
            }
        }
        return worst;
    }

    /** Status of a component as Statuspage names it. */
    public static ComponentStatus componentStatus(String raw) {
        switch (lower(raw)) {
            case "operational":
                return ComponentStatus.OPERATIONAL;
            case "degraded_performance":
                return ComponentStatus.DEGRADED;
            case "partial_outage":
                return ComponentStatus.PARTIAL_OUTAGE;
            case "major_outage":
                return ComponentStatus.MAJOR_OUTAGE;
            case "under_maintenance":
                return ComponentStatus.MAINTENANCE;
            default:
                return ComponentStatus.UNKNOWN;
        }
    }

    /**
     * Status implied by an update that names no component transition. {@code impact} alone misleads
     * (pages leave it at {@code none} during real outages), so an open incident is at least degraded
     * and takes the worst current status of its components when that is worse.
     */
    static ComponentStatus derivedStatus(String phase, String impact, boolean maintenance, ComponentStatus currentWorst) {
        if (isTerminal(phase)) {
            return ComponentStatus.OPERATIONAL;
        }
        if ("scheduled".equals(phase)) {
            // an announcement of future work says nothing about the state now
            return ComponentStatus.UNKNOWN;
        }
        if (maintenance || "in_progress".equals(phase) || "verifying".equals(phase)) {
            return ComponentStatus.MAINTENANCE;
        }
        ComponentStatus fromImpact;
        switch (lower(impact)) {
            case "critical":
                fromImpact = ComponentStatus.MAJOR_OUTAGE;
                break;
            case "major":
                fromImpact = ComponentStatus.PARTIAL_OUTAGE;
                break;
            default:
                fromImpact = ComponentStatus.DEGRADED;
        }
        if (currentWorst != null && severity(currentWorst) > severity(fromImpact)) {
            return currentWorst;
        }
        return fromImpact;
    }

    private static boolean isTerminal(String phase) {
        return "resolved".equals(phase) || "postmortem".equals(phase) || "completed".equals(phase);
    }

    private static int severity(ComponentStatus s) {
        switch (s) {
            case MAJOR_OUTAGE:
                return 4;
            case PARTIAL_OUTAGE:
                return 3;
            case DEGRADED:
                return 2;
            case MAINTENANCE:
                return 1;
            default:
                return 0;
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private record ComponentInfo(String id, String name, String groupId, boolean group) {
    }

    private record Target(String id, String name, String newStatus) {
    }
}
