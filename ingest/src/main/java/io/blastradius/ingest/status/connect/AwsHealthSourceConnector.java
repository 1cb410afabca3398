package io.blastradius.ingest.status.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Source connector for the AWS Health Dashboard (current events and per-service-region RSS feeds),
 * writing {@code StatusEvent}s about {@code aws/<region>/<service>} scopes. One task. Keys:
 * {@link AwsHealthConfig}.
 */
public final class AwsHealthSourceConnector extends StatusFeedConnector<AwsHealthConfig> {
    public AwsHealthSourceConnector() {
        super(AwsHealthConfig::new, AwsHealthConfig.RSS_FEEDS);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AwsHealthSourceTask.class;
    }

    @Override
    public ConfigDef config() {
        return AwsHealthConfig.CONFIG;
    }

    /** The task: all configured AWS feeds. */
    public static final class AwsHealthSourceTask extends StatusFeedTask<AwsHealthConfig> {
        @Override
        protected AwsHealthConfig parseConfig(Map<String, String> props) {
            return new AwsHealthConfig(props);
        }
    }
}
