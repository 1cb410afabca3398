package io.blastradius.ingest.status.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Source connector for Google Cloud Service Health's incidents.json, writing {@code StatusEvent}s
 * about {@code gcp/<location>/<product>} scopes. One task. Keys: {@link GcpStatusConfig}.
 */
public final class GcpStatusSourceConnector extends StatusFeedConnector<GcpStatusConfig> {
    public GcpStatusSourceConnector() {
        super(GcpStatusConfig::new, GcpStatusConfig.INCIDENTS_URL);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GcpStatusSourceTask.class;
    }

    @Override
    public ConfigDef config() {
        return GcpStatusConfig.CONFIG;
    }

    /** The task: the one incidents feed. */
    public static final class GcpStatusSourceTask extends StatusFeedTask<GcpStatusConfig> {
        @Override
        protected GcpStatusConfig parseConfig(Map<String, String> props) {
            return new GcpStatusConfig(props);
        }
    }
}
