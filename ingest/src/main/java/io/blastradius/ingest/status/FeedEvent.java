package io.blastradius.ingest.status;

import io.blastradius.schemas.StatusEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A parsed observation with what the poller needs to deduplicate it.
 *
 * @param event     the observation
 * @param dedupKey  what is remembered once emitted. One incident update that fans out to several
 *                  subjects (products times locations, several components) shares one key, so a big
 *                  incident costs one entry in the connector's offsets, not hundreds
 * @param changedAt when the item last changed at the source (system stamps such as
 *                  {@code updated_at}/{@code modified}, not the back-dated display time); items that
 *                  last changed before the look-back window are history and are not emitted
 * @param sticky    news whatever its age (a component that has been down for weeks, a resolution
 *                  inferred from absence): never history, never forgotten while the feed shows it
 */
public record FeedEvent(StatusEvent event, String dedupKey, Instant changedAt, boolean sticky) {
    public FeedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
