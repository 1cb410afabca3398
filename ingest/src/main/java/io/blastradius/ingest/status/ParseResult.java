package io.blastradius.ingest.status;

import java.util.List;
import java.util.Optional;

/**
 * What one payload yielded.
 *
 * @param events        every observation in the payload, in feed order, the events of one update
 *                      next to each other; the poller drops history and what it already emitted
 * @param rejected      items that could not be read, each with its cause; the rest of the payload
 *                      still counts
 * @param openIncidents for feeds that list only current incidents: everything listed now (empty
 *                      list = healthy); empty for feeds that publish resolutions themselves
 * @param feedTime      the payload's own build time, if it has one (used to time resolutions
 *                      inferred from disappearance)
 */
public record ParseResult(List<FeedEvent> events, List<RejectedItem> rejected,
                          Optional<List<OpenIncident>> openIncidents, Optional<FeedTime> feedTime) {
    public ParseResult {
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }

    public static ParseResult of(List<FeedEvent> events, List<RejectedItem> rejected) {
        return new ParseResult(events, rejected, Optional.empty(), Optional.empty());
    }

    /** One unreadable item of an otherwise readable payload. */
    public record RejectedItem(String what, String reason, String raw) {
    }
}
