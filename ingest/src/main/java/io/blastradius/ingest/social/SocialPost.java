package io.blastradius.ingest.social;

import io.blastradius.schemas.PostAction;
import java.time.Instant;
import java.util.Objects;

/**
 * One post (or its edit or deletion) as a platform reported it, before linking: what every
 * platform parser produces and {@link SocialSignals} consumes.
 *
 * @param postId unique across platforms' instances (Mastodon {@code host/id}, Bluesky at:// URI,
 *     Reddit fullname)
 * @param createdAt event time: when the post was written, edited or deleted
 * @param authorId the platform's account id, or null when unknown (a Mastodon delete); hashed,
 *     never stored
 * @param text plain text (HTML already stripped), null for a deletion
 */
public record SocialPost(String platform, String postId, PostAction action, String url, Instant createdAt,
        String authorId, String text, String language) {
    public SocialPost {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static SocialPost deletion(String platform, String postId, Instant at, String authorId) {
        return new SocialPost(platform, postId, PostAction.DELETE, null, at, authorId, null, null);
    }
}
