package io.blastradius.streams.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.blastradius.streams.query.views.SignalMinute;
import java.time.Instant;
import java.util.List;

/** One subject's signals in one minute, as one instance read them from its partitions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalPoint(String subject, Instant minute, int checks, int failures, double complaints, int posts,
        int statusEvents, String worstStatus, List<Note> notes) {

    /** A post or status update; its text is untrusted and shown only as text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Note(String kind, String subject, String source, String id, Instant at, String status, String title,
            String text, String url, double score) {
    }

    static SignalPoint from(String subject, long minute, SignalMinute m) {
        return new SignalPoint(subject, Instant.ofEpochMilli(minute), m.checks(), m.failures(), m.complaints(), m.posts(),
                m.statusEvents(), m.worstStatus(), m.notes().stream().map(n -> new Note(n.kind(), subject, n.source(), n.id(),
                        Instant.ofEpochMilli(n.at()), n.status(), n.title(), n.text(), n.url(), n.score())).toList());
    }
}
