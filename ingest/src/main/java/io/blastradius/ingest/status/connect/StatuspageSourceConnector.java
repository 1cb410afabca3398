package io.blastradius.ingest.status.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Source connector for Atlassian Statuspage pages (summary.json and incidents.json of each), writing
 * {@code StatusEvent}s. Pages are spread over up to {@code tasks.max} tasks. Keys:
 * {@link StatuspageConfig}.
 */
public final class StatuspageSourceConnector extends StatusFeedConnector<StatuspageConfig> {
    public StatuspageSourceConnector() {
        super(StatuspageConfig::new, StatuspageConfig.PAGES);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return StatuspageSourceTask.class;
    }

    @Override
    public ConfigDef config() {
        return StatuspageConfig.CONFIG;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> pages = new StatuspageConfig(props()).pages().stream().map(p -> p.key()).toList();
        int tasks = Math.max(1, Math.min(maxTasks, pages.size()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            List<String> mine = new ArrayList<>();
            for (int i = t; i < pages.size(); i += tasks) {
                mine.add(pages.get(i));
            }
            Map<String, String> config = new HashMap<>(props());
            config.put(StatuspageConfig.PAGES, String.join(",", mine));
            configs.add(config);
        }
        return configs;
    }

    /** The task: every page of its share. */
    public static final class StatuspageSourceTask extends StatusFeedTask<StatuspageConfig> {
        @Override
        protected StatuspageConfig parseConfig(Map<String, String> props) {
            return new StatuspageConfig(props);
        }
    }
}
