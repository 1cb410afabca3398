package io.blastradius.ingest.social.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.ingest.social.SocialPost;
import io.blastradius.schemas.PostAction;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One Jetstream event (the classic {@code /subscribe} JSON envelope): its cursor ({@code time_us},
 * Jetstream's ingest time in microseconds) and, for an {@code app.bsky.feed.post} commit, the post
 * it creates, updates or deletes. Identity and account events and other collections carry no post.
 */
public record JetstreamEvent(long timeUs, Optional<SocialPost> post) {
    public static final String PLATFORM = "bluesky";
    public static final String POST_COLLECTION = "app.bsky.feed.post";
    /** A client-supplied createdAt this far from Jetstream's own time is not believed. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(24);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses one text frame. */
    public static JetstreamEvent parse(String json) throws JetstreamFormatException {
        JsonNode e;
        try {
            e = JSON.readTree(json);
        } catch (IOException ex) {
            throw new JetstreamFormatException("frame is not JSON: " + ex.getMessage(), ex);
        }
        if (e == null || !e.isObject()) {
            throw new JetstreamFormatException("frame is not a JSON object", null);
        }
        JsonNode t = e.get("time_us");
        if (t == null || !t.canConvertToLong() || t.asLong() <= 0) {
            throw new JetstreamFormatException("event without a positive time_us", null);
        }
        long timeUs = t.asLong();
        String did = e.path("did").asText("");
        JsonNode commit = e.get("commit");
        if (!"commit".equals(e.path("kind").asText()) || commit == null
                || !POST_COLLECTION.equals(commit.path("collection").asText())) {
            return new JetstreamEvent(timeUs, Optional.empty());
        }
        String rkey = commit.path("rkey").asText("");
        if (did.isEmpty() || rkey.isEmpty()) {
            throw new JetstreamFormatException("post commit without did or rkey", null);
        }
        Instant ingested = Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1_000);
        String uri = "at://" + did + "/" + POST_COLLECTION + "/" + rkey;
        String operation = commit.path("operation").asText("");
        if (operation.equals("delete")) {
            return new JetstreamEvent(timeUs, Optional.of(SocialPost.deletion(PLATFORM, uri, ingested, did)));
        }
        PostAction action = switch (operation) {
            case "create" -> PostAction.CREATE;
            case "update" -> PostAction.EDIT;
            default -> throw new JetstreamFormatException("unknown commit operation '" + operation + "'", null);
        };
        JsonNode record = commit.get("record");
        if (record == null || !record.isObject()) {
            throw new JetstreamFormatException(operation + " of " + uri + " without a record", null);
        }
        String text = record.path("text").asText("");
        String language = record.path("langs").isArray() && !record.path("langs").isEmpty()
                ? record.path("langs").get(0).asText(null) : null;
        String url = "https://bsky.app/profile/" + did + "/post/" + rkey;
        return new JetstreamEvent(timeUs, Optional.of(new SocialPost(PLATFORM, uri, action, url,
                eventTime(record.path("createdAt").asText(null), ingested, action), did, text, language)));
    }

    /** The post's own createdAt when believable (clients set it), else Jetstream's time. */
    private static Instant eventTime(String createdAt, Instant ingested, PostAction action) {
        if (action == PostAction.EDIT || createdAt == null) {
            return ingested;
        }
        try {
            Instant claimed = Instant.parse(createdAt);
            return Duration.between(claimed, ingested).abs().compareTo(CLOCK_SKEW) <= 0 && !claimed.isAfter(ingested)
                    ? claimed : ingested;
        } catch (DateTimeParseException e) {
            return ingested;
        }
    }

    /** A frame that is not a Jetstream event. */
    public static final class JetstreamFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public JetstreamFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
