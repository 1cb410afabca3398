package io.blastradius.ingest.status;

import java.util.List;
import java.util.Objects;

/**
 * An incident a "current incidents only" feed (Azure RSS, AWS current events) lists right now, with
 * the subjects it concerns. When a later, valid payload no longer lists it, it has ended: the poller
 * then emits a resolution for each subject, because these feeds never publish one themselves.
 */
public record OpenIncident(String incidentId, String title, String url, List<Subject> subjects) {
    public OpenIncident {
        Objects.requireNonNull(incidentId, "incidentId");
        subjects = List.copyOf(subjects);
    }
}
