package io.blastradius.ingest.social.bluesky;

import io.blastradius.ingest.connect.IngestSourceConnector;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Bluesky posts as {@code SocialSignal}s from Jetstream (the JSON firehose over WebSocket), resumed
 * from the stored {@code time_us} cursor, optionally zstd-compressed. See docs/social.md.
 */
public final class JetstreamSourceConnector extends IngestSourceConnector {
    @Override
    public ConfigDef config() {
        return JetstreamConfig.CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JetstreamSourceTask.class;
    }
}
