package io.blastradius.ingest.status;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the fields of one status observation and builds the {@link StatusEvent}, deriving its
 * {@code eventId} from the identity fields plus the content parts given with {@link #content}.
 */
public final class EventDraft {
    private final String source;
    private final Subject subject;
    private ComponentStatus status = ComponentStatus.UNKNOWN;
    private String componentId;
    private String component;
    private String incidentId;
    private String incidentStatus;
    private String updateId;
    private String title;
    private String body;
    private String url;
    private FeedTime time;
    private Instant changedAt;
    private boolean sticky;
    private final List<String> content = new ArrayList<>();

    public EventDraft(String source, Subject subject) {
        this.source = Objects.requireNonNull(source, "source");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    public EventDraft status(ComponentStatus value) {
        this.status = Objects.requireNonNull(value, "status");
        return this;
    }

    public EventDraft component(String id, String name) {
        this.componentId = id;
        this.component = name;
        return this;
    }

    public EventDraft incident(String id, String phase) {
        this.incidentId = id;
        this.incidentStatus = phase;
        return this;
    }

    public EventDraft update(String id) {
        this.updateId = id;
        return this;
    }

    /** Title as published; HTML is stripped and the length capped. */
    public EventDraft title(String value) {
        this.title = value == null ? null : PlainText.of(value, 500);
        return this;
    }

    /** Body as published; HTML is stripped and the length capped. */
    public EventDraft body(String value) {
        this.body = PlainText.of(value);
        return this;
    }

    public EventDraft url(String value) {
        this.url = value;
        return this;
    }

    public EventDraft time(FeedTime value) {
        this.time = value;
        return this;
    }

    /** When the item last changed at the source; defaults to the event time. */
    public EventDraft changedAt(Instant value) {
        this.changedAt = value;
        return this;
    }

    /** Marks the observation as news whatever its age (see {@link FeedEvent#sticky()}). */
    public EventDraft sticky(boolean value) {
        this.sticky = value;
        return this;
    }

    /**
     * Adds parts of what the observation says to its identity: change any of them and the event id
     * changes (an edit), keep them and re-polls give the same id.
     */
    public EventDraft content(String... parts) {
        for (String part : parts) {
            content.add(part);
        }
        return this;
    }

    /**
     * Builds the event. Its id covers source, subject, component, incident, update and content; its
     * dedup key, for an incident update, leaves out subject and component (one key per update).
     */
    public FeedEvent build(Instant ingestTime) {
        Objects.requireNonNull(time, "time");
        List<String> parts = new ArrayList<>(6 + content.size());
        parts.add(source);
        parts.add(subject.id());
        parts.add(componentId);
        parts.add(incidentId);
        parts.add(updateId);
        parts.add(content.isEmpty() ? null : "content");
        parts.addAll(content);
        String eventId = EventIds.of(parts.toArray(String[]::new));
        String dedupKey = eventId;
        if (incidentId != null) {
            List<String> group = new ArrayList<>(4 + content.size());
            group.add(source);
            group.add(incidentId);
            group.add(updateId);
            group.add("update-group");
            group.addAll(content);
            dedupKey = EventIds.of(group.toArray(String[]::new));
        }
        StatusEvent event = StatusEvent.newBuilder()
                .setEventId(eventId)
                .setSource(source)
                .setSubjectType(subject.type())
                .setSubject(subject.id())
                .setProvider(subject.provider())
                .setRegion(subject.region())
                .setProviderService(subject.providerService())
                .setComponentId(componentId)
                .setComponent(component)
                .setStatus(status)
                .setIncidentId(incidentId)
                .setIncidentStatus(incidentStatus)
                .setUpdateId(updateId)
                .setTitle(title)
                .setBody(body)
                .setUrl(url)
                .setEventTime(time.instant())
                .setIngestTime(ingestTime)
                .setRawTime(time.raw())
                .build();
        return new FeedEvent(event, dedupKey, changedAt != null ? changedAt : time.instant(), sticky);
    }
}
