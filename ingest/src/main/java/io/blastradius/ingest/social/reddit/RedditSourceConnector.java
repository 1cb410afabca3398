package io.blastradius.ingest.social.reddit;

import io.blastradius.ingest.connect.IngestSourceConnector;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Reddit posts as {@code SocialSignal}s from the {@code /r/<sub>/new.json} listings, polled politely
 * (descriptive User-Agent, rate-limit headers, Retry-After, backoff). See docs/social.md.
 */
public final class RedditSourceConnector extends IngestSourceConnector {
    @Override
    public ConfigDef config() {
        return RedditConfig.CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RedditSourceTask.class;
    }
}
