package io.blastradius.ingest.social.bluesky;

import io.blastradius.ingest.social.SocialSourceConnector;

/**
 * Bluesky posts as {@code SocialSignal}s from Jetstream (the JSON firehose over WebSocket), resumed
 * from the stored {@code time_us} cursor, optionally zstd-compressed. See docs/social.md.
 */
public final class JetstreamSourceConnector extends SocialSourceConnector {
    public JetstreamSourceConnector() {
        super(JetstreamConfig.CONFIG, JetstreamConfig::new, JetstreamSourceTask.class);
    }
}
