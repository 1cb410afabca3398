package io.blastradius.ingest.status.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Source connector for the Azure status RSS feed, writing {@code StatusEvent}s about
 * {@code azure/<region>/<service>} scopes, and a resolution when an incident leaves the feed. One
 * task. Keys: {@link AzureStatusConfig}.
 */
public final class AzureStatusSourceConnector extends StatusFeedConnector<AzureStatusConfig> {
    public AzureStatusSourceConnector() {
        super(AzureStatusConfig::new, AzureStatusConfig.FEED_URL);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AzureStatusSourceTask.class;
    }

    @Override
    public ConfigDef config() {
        return AzureStatusConfig.CONFIG;
    }

    /** The task: the one RSS feed. */
    public static final class AzureStatusSourceTask extends StatusFeedTask<AzureStatusConfig> {
        @Override
        protected AzureStatusConfig parseConfig(Map<String, String> props) {
            return new AzureStatusConfig(props);
        }
    }
}
