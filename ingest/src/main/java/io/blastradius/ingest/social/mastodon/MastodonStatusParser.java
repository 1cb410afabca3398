package io.blastradius.ingest.social.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.ingest.social.SocialPost;
import io.blastradius.ingest.social.text.HtmlText;
import io.blastradius.schemas.PostAction;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads Mastodon Status JSON (streaming {@code update}/{@code status.update} payloads and REST
 * timeline entries) into {@link SocialPost}s. Post ids are {@code <host>/<status id>}: status ids are
 * only unique on the server they were read from. Boosts (a status whose {@code reblog} is set) are
 * skipped: they repeat a post already counted, or one from a server not followed. Only public and
 * unlisted statuses are read.
 */
public final class MastodonStatusParser {
    public static final String PLATFORM = "mastodon";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;

    public MastodonStatusParser(String host) {
        this.host = host;
    }

    /** Parses a Status payload; empty for a boost or a non-public status. */
    public Optional<SocialPost> parse(String json, PostAction action) throws MastodonFormatException {
        return parse(read(json), action);
    }

    /** The JSON tree of a payload. */
    public static JsonNode read(String json) throws MastodonFormatException {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new MastodonFormatException("status payload is not JSON: " + e.getMessage(), e);
        }
    }

    public Optional<SocialPost> parse(JsonNode status, PostAction action) throws MastodonFormatException {
        if (status == null || !status.isObject()) {
            throw new MastodonFormatException("status payload is not a JSON object", null);
        }
        String id = text(status, "id");
        if (id == null || id.isBlank()) {
            throw new MastodonFormatException("status without an id", null);
        }
        if (status.hasNonNull("reblog")) {
            return Optional.empty();
        }
        String visibility = text(status, "visibility");
        if (visibility != null && !visibility.equals("public") && !visibility.equals("unlisted")) {
            return Optional.empty();
        }
        Instant created = time(status, "created_at");
        if (created == null) {
            throw new MastodonFormatException("status " + id + " without a valid created_at", null);
        }
        Instant edited = time(status, "edited_at");
        Instant eventTime = action == PostAction.EDIT && edited != null ? edited : created;
        String spoiler = text(status, "spoiler_text");
        String body = HtmlText.toPlainText(text(status, "content"));
        String text = spoiler == null || spoiler.isBlank() ? body : spoiler + "\n" + body;
        String author = status.path("account").hasNonNull("id") ? status.path("account").get("id").asText()
                : status.path("account").path("acct").asText(null);
        String url = text(status, "url");
        return Optional.of(new SocialPost(PLATFORM, postId(id), action, url == null ? text(status, "uri") : url, eventTime,
                author == null ? null : host + "/" + author, text, text(status, "language")));
    }

    /** The post id of a status id read from this server. */
    public String postId(String statusId) {
        return host + "/" + statusId.strip();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A payload that is not a Mastodon status. */
    public static final class MastodonFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public MastodonFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
