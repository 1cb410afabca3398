package io.blastradius.ingest.social.reddit;

import io.blastradius.ingest.social.SocialSourceConnector;

/**
 * Reddit posts as {@code SocialSignal}s from the {@code /r/<sub>/new.json} listings, polled politely
 * (descriptive User-Agent, rate-limit headers, Retry-After, backoff). See docs/social.md.
 */
public final class RedditSourceConnector extends SocialSourceConnector {
    public RedditSourceConnector() {
        super(RedditConfig.CONFIG, RedditConfig::new, RedditSourceTask.class);
    }
}
