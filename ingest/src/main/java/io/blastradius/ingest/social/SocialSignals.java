package io.blastradius.ingest.social;

import io.blastradius.ingest.social.link.EntityLinker;
import io.blastradius.ingest.social.link.Linking;
import io.blastradius.ingest.social.text.AuthorHasher;
import io.blastradius.ingest.social.text.PostText;
import io.blastradius.schemas.PostAction;
import io.blastradius.schemas.SocialSignal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns {@link SocialPost}s into {@link SocialSignal}s: text cleaned and capped, entity-linked and
 * scored, the author replaced by a salted hash.
 *
 * <ul>
 *   <li>A new post is published only when it names a catalog service or a provider.
 *   <li>An edit is published when the post is linked now or was published before (then with what it
 *       names now, possibly nothing, so downstream counts follow the edit).
 *   <li>A deletion is published only for a post published before (within the recent-post window),
 *       carrying the services and providers it had, so downstream can withdraw it.
 * </ul>
 * Thread-safe when the linker is (it is).
 */
public final class SocialSignals {
    private final EntityLinker linker;
    private final AuthorHasher hasher;
    private final int maxTextChars;
    private final Clock clock;
    private final RecentPosts recent;

    public SocialSignals(EntityLinker linker, AuthorHasher hasher, int maxTextChars, int recentPosts, Clock clock) {
        this.linker = Objects.requireNonNull(linker, "linker");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.maxTextChars = maxTextChars;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recent = new RecentPosts(recentPosts);
    }

    /** The signal for {@code post}, or empty when there is nothing to publish. */
    public Optional<SocialSignal> toSignal(SocialPost post) {
        if (post.action() == PostAction.DELETE) {
            RecentPosts.Published before = recent.remove(post.postId());
            if (before == null) {
                return Optional.empty();
            }
            return Optional.of(builder(post, before.authorHash())
                    .setServices(before.services())
                    .setProviders(before.providers())
                    .setKeywords(List.of())
                    .setComplaintScore(0.0)
                    .setText(null)
                    .build());
        }
        String text = PostText.clean(post.text() == null ? "" : post.text(), maxTextChars);
        Linking linking = linker.link(text);
        RecentPosts.Published before = recent.get(post.postId());
        if (!linking.linked() && (post.action() == PostAction.CREATE || before == null)) {
            return Optional.empty();
        }
        String authorHash = hasher.hash(post.platform(), post.authorId());
        if (linking.linked()) {
            recent.put(post.postId(), new RecentPosts.Published(linking.services(), linking.providers(), authorHash));
        } else {
            recent.remove(post.postId());
        }
        return Optional.of(builder(post, authorHash)
                .setServices(linking.services())
                .setProviders(linking.providers())
                .setKeywords(linking.keywords())
                .setComplaintScore(linking.complaintScore())
                .setText(text)
                .build());
    }

    private SocialSignal.Builder builder(SocialPost post, String authorHash) {
        return SocialSignal.newBuilder()
                .setPlatform(post.platform())
                .setPostId(post.postId())
                .setAction(post.action())
                .setUrl(post.url())
                .setCreatedAt(post.createdAt())
                .setObservedAt(clock.instant())
                .setLanguage(post.language())
                .setAuthorHash(authorHash);
    }
}
