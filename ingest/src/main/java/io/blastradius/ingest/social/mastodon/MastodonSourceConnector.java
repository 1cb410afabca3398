package io.blastradius.ingest.social.mastodon;

import io.blastradius.ingest.connect.IngestSourceConnector;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Mastodon posts as {@code SocialSignal}s: streaming (server-sent events) of the public and/or hashtag
 * timelines of one server with a token, REST timeline polling without one, and REST catch-up after a
 * restart or a dropped stream. See docs/social.md.
 */
public final class MastodonSourceConnector extends IngestSourceConnector {
    @Override
    public ConfigDef config() {
        return MastodonConfig.CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MastodonSourceTask.class;
    }
}
