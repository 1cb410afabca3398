package io.blastradius.ingest.status;

/**
 * Turns one payload of a status feed into {@code StatusEvent}s. Parsers never throw for a bad item
 * (it becomes a {@link ParseResult.RejectedItem}); they throw {@link FeedFormatException} when the
 * payload as a whole is not the feed (malformed, truncated, wrong root).
 */
@FunctionalInterface
public interface FeedParser {
    ParseResult parse(String payload, ParseContext context) throws FeedFormatException;
}
