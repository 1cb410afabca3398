package io.blastradius.ingest.social.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.ingest.social.SocialPost;
import io.blastradius.ingest.social.text.HtmlText;
import io.blastradius.schemas.PostAction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of {@code /r/<sub>/new.json}: posts newest first, and the {@code after} cursor of the next
 * (older) page. A post that its author deleted or a moderator removed is marked gone.
 */
record RedditListing(List<Entry> entries, String after) {
    static final String PLATFORM = "reddit";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One listed post. {@code id} is base36 and grows with time. */
    record Entry(String id, String fullname, boolean gone, SocialPost post) {
        long order() {
            return Long.parseLong(id, 36);
        }
    }

    static RedditListing parse(String json, String baseUrl) throws RedditFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new RedditFormatException("listing is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !"Listing".equals(root.path("kind").asText()) || !root.path("data").path("children").isArray()) {
            throw new RedditFormatException("not a Listing with data.children", null);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode child : root.path("data").path("children")) {
            if (!"t3".equals(child.path("kind").asText())) {
                continue;
            }
            JsonNode d = child.path("data");
            String id = d.path("id").asText("");
            if (id.isEmpty() || !id.chars().allMatch(Character::isLetterOrDigit) || id.length() > 12) {
                throw new RedditFormatException("post without a base36 id: " + id, null);
            }
            String fullname = d.path("name").asText("t3_" + id);
            double created = d.path("created_utc").asDouble(-1);
            if (created <= 0) {
                throw new RedditFormatException("post " + fullname + " without created_utc", null);
            }
            String selftext = d.path("selftext").asText("");
            String author = d.path("author").asText("");
            boolean gone = !d.path("removed_by_category").isNull() && d.has("removed_by_category")
                    || selftext.equals("[removed]") || selftext.equals("[deleted]") || author.equals("[deleted]");
            String title = HtmlText.decodeEntities(d.path("title").asText(""));
            String text = selftext.isEmpty() || gone ? title : title + "\n\n" + HtmlText.decodeEntities(selftext);
            String authorId = d.hasNonNull("author_fullname") ? d.get("author_fullname").asText() : author;
            String permalink = d.path("permalink").asText("");
            SocialPost post = new SocialPost(PLATFORM, fullname, PostAction.CREATE,
                    permalink.startsWith("/") ? baseUrl + permalink : null,
                    Instant.ofEpochMilli((long) (created * 1000)), authorId, text, null);
            entries.add(new Entry(id.toLowerCase(java.util.Locale.ROOT), fullname, gone, post));
        }
        String after = root.path("data").path("after").isNull() ? null : root.path("data").path("after").asText(null);
        return new RedditListing(entries, after);
    }

    /** A body that is not a Reddit listing. */
    static final class RedditFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        RedditFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
