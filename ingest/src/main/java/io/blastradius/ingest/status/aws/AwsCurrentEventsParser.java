package io.blastradius.ingest.status.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.blastradius.ingest.status.EventDraft;
import io.blastradius.ingest.status.FeedFormatException;
import io.blastradius.ingest.status.FeedParser;
import io.blastradius.ingest.status.FeedTime;
import io.blastradius.ingest.status.Json;
import io.blastradius.ingest.status.LenientTime;
import io.blastradius.ingest.status.OpenIncident;
import io.blastradius.ingest.status.ParseContext;
import io.blastradius.ingest.status.ParseResult;
import io.blastradius.ingest.status.ParseResult.RejectedItem;
import io.blastradius.ingest.status.Subject;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.ingest.status.FeedEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code health.aws.amazon.com/public/currentevents}: a JSON array of the events open now
 * (empty = nothing open), served as UTF-16 with a byte-order mark (decoded upstream by
 * {@link io.blastradius.ingest.http.BodyText}). Fields change type between events: {@code status} and
 * {@code date} come as numbers or numeric strings, and the per-service status changes carry
 * milliseconds where the event log carries seconds; {@link LenientTime} tells them apart by magnitude.
 *
 * <p>Each {@code event_log} entry is an update of the event's primary service (the entries have no
 * ids, so an update is identified by its timestamp). Other services named in
 * {@code impacted_service_status_changes} (or, failing that, {@code impacted_services}) get their
 * own events. Events leave this list when they end, so every payload also reports the open events;
 * the poller turns a disappearance into a resolution.
 */
public final class AwsCurrentEventsParser implements FeedParser {
    public static final String SOURCE = "aws-health";
    private static final String EVENT_URL = "https://health.aws.amazon.com/health/status?eventID=";

    private final AwsScopes scopes;

    public AwsCurrentEventsParser(AwsScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public ParseResult parse(String payload, ParseContext ctx) throws FeedFormatException {
        JsonNode root = Json.read(payload, "AWS Health current events");
        if (!root.isArray()) {
            throw new FeedFormatException("AWS Health current events: expected a JSON array, got "
                    + root.getNodeType());
        }
        List<FeedEvent> events = new ArrayList<>();
        List<RejectedItem> rejected = new ArrayList<>();
        List<OpenIncident> open = new ArrayList<>();
        for (JsonNode event : root) {
            String arn = Json.text(event, "arn");
            try {
                OpenIncident incident = event(event, ctx, events);
                open.add(incident);
            } catch (IllegalArgumentException | DateTimeException e) {
                rejected.add(new RejectedItem("event " + arn, e.getMessage(), Json.snippet(event, 4000)));
            }
        }
        return new ParseResult(events, rejected, Optional.of(open), Optional.empty());
    }

    private OpenIncident event(JsonNode event, ParseContext ctx, List<FeedEvent> out) {
        String arn = Json.text(event, "arn");
        String serviceKey = Json.text(event, "service");
        if (arn == null || serviceKey == null) {
            throw new IllegalArgumentException("event without arn or service");
        }
        Subject primary = scopes.subjectOf(serviceKey);
        String title = Json.text(event, "summary");
        String url = EVENT_URL + URLEncoder.encode(arn, StandardCharsets.UTF_8);
        List<JsonNode> log = new ArrayList<>();
        Json.array(event, "event_log").forEach(log::add);
        log.sort(Comparator.comparing(e -> LenientTime.parse(e.path("timestamp")).map(FeedTime::instant)
                .orElseThrow(() -> new IllegalArgumentException("event_log entry without timestamp"))));

        Map<String, Subject> subjects = new LinkedHashMap<>();
        subjects.put(serviceKey, primary);
        FeedTime latest = null;
        String latestMessage = null;
        if (log.isEmpty()) {
            // An event with no log yet still says something: its own status and start date.
            FeedTime date = LenientTime.parse(event.path("date"))
                    .orElseThrow(() -> new IllegalArgumentException("event " + arn + " has neither log nor date"));
            emit(out, ctx, primary, arn, title, url, date, code(event.path("status")), null, "event-date");
            latest = date;
        }
        for (JsonNode entry : log) {
            FeedTime at = LenientTime.parse(entry.path("timestamp")).orElseThrow();
            String message = Json.text(entry, "message");
            String entryTitle = Json.text(entry, "summary");
            emit(out, ctx, primary, arn, entryTitle != null ? entryTitle : title, url, at, code(entry.path("status")),
                    message, null);
            latest = at;
            latestMessage = message;
        }

        boolean sawChanges = false;
        for (JsonNode change : Json.array(event, "impacted_service_status_changes")) {
            String service = Json.text(change, "service");
            if (service == null || service.equals(serviceKey)) {
                continue; // the primary service's changes are the event log itself
            }
            Optional<FeedTime> at = LenientTime.parse(change.path("timestamp"));
            if (at.isEmpty()) {
                throw new IllegalArgumentException("status change of " + service + " without timestamp");
            }
            Subject subject = scopes.subjectOf(service);
            subjects.put(service, subject);
            emit(out, ctx, subject, arn, title, url, at.get(), code(change.path("current_status")),
                    messageAt(log, at.get()), service);
            sawChanges = true;
        }
        if (!sawChanges && latest != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = event.path("impacted_services").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(serviceKey)) {
                    continue;
                }
                Subject subject = scopes.subjectOf(e.getKey());
                subjects.put(e.getKey(), subject);
                emit(out, ctx, subject, arn, title, url, latest, code(e.getValue().path("current")), latestMessage,
                        e.getKey());
            }
        }
        return new OpenIncident(arn, title, url, List.copyOf(subjects.values()));
    }

    private static void emit(List<FeedEvent> out, ParseContext ctx, Subject subject, String arn, String title,
                             String url, FeedTime at, int code, String message, String qualifier) {
        ComponentStatus status = AwsScopes.statusOfCode(code);
        String updateId = (qualifier == null ? "" : qualifier + "@") + at.instant().getEpochSecond();
        out.add(new EventDraft(SOURCE, subject)
                .incident(arn, code == 0 ? "resolved" : "open")
                .update(updateId)
                .status(status)
                .title(title)
                .body(message)
                .url(url)
                .time(at)
                .content(Integer.toString(code), message, title)
                .build(ctx.ingestTime()));
    }

    /** The log message in force at {@code at}: the latest entry not after it. */
    private static String messageAt(List<JsonNode> log, FeedTime at) {
        String message = null;
        for (JsonNode entry : log) {
            Optional<FeedTime> t = LenientTime.parse(entry.path("timestamp"));
            if (t.isPresent() && !t.get().instant().isAfter(at.instant())) {
                message = Json.text(entry, "message");
            }
        }
        return message;
    }

    /** A status code given as a number or a numeric string; -1 when absent or unreadable. */
    static int code(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return -1;
        }
        if (node.isNumber()) {
            return node.asInt();
        }
        String s = node.asText().trim();
        try {
            return s.isEmpty() ? -1 : (int) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status '" + s + "' is not a number");
        }
    }
}
