package io.blastradius.ingest.status;

import io.blastradius.schemas.StatusEvent;
import java.util.Map;

/**
 * One record the poller wants written, with the source offset that becomes true once it is: the
 * feed's state after this record. Connect commits the offset of a record only after the record and
 * every earlier one of the same feed were acknowledged, so a restart resumes exactly after the last
 * record that made it.
 */
public sealed interface Emission permits Emission.Event, Emission.Rejected {
    FeedSource source();

    Map<String, Object> offset();

    /** A status event for the status-events topic, keyed by its subject. */
    record Event(FeedSource source, StatusEvent event, Map<String, Object> offset) implements Emission {
    }

    /**
     * A payload or item that could not be read, for the dead-letter topic.
     *
     * @param url     where it came from (the dead letter's key)
     * @param payload the raw bytes (the whole payload, or the item's text)
     * @param cause   why it was rejected
     */
    record Rejected(FeedSource source, String url, byte[] payload, FeedFormatException cause,
                    Map<String, Object> offset) implements Emission {
    }
}
