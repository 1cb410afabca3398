package io.blastradius.ingest.social.mastodon;

import io.blastradius.ingest.social.SocialSourceConnector;

/**
 * Mastodon posts as {@code SocialSignal}s: streaming (server-sent events) of the public and/or hashtag
 * timelines of one server with a token, REST timeline polling without one, and REST catch-up after a
 * restart or a dropped stream. See docs/social.md.
 */
public final class MastodonSourceConnector extends SocialSourceConnector {
    public MastodonSourceConnector() {
        super(MastodonConfig.CONFIG, MastodonConfig::new, MastodonSourceTask.class);
    }
}
