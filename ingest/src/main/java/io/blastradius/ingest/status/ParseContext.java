package io.blastradius.ingest.status;

import java.time.Instant;
import java.util.Objects;

/**
 * What a parser needs besides the payload.
 *
 * @param ingestTime when the payload was read; stamped on every event as its ingest time
 * @param notBefore  a bound below the look-back window: items that last changed before it are
 *                   history, not news (a first poll of a feed that keeps years of incidents must not
 *                   replay them all). The poller decides by {@link FeedEvent#changedAt()} against the
 *                   window of the payload; parsers may use this bound only to skip work early
 */
public record ParseContext(Instant ingestTime, Instant notBefore) {
    public ParseContext {
        Objects.requireNonNull(ingestTime, "ingestTime");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    public boolean isHistory(Instant lastChange) {
        return lastChange != null && lastChange.isBefore(notBefore);
    }
}
