package io.blastradius.ingest.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The base of blastradius source connectors: keeps the connector's properties, validates them on
 * start with {@link #config()}, and hands them to one task (override {@link #taskConfigs} to spread
 * sources over several).
 */
public abstract class IngestSourceConnector extends SourceConnector {
    /** The version every blastradius plugin reports. */
    public static final String VERSION = versionOf(IngestSourceConnector.class);

    private Map<String, String> props = Map.of();

    @Override
    public void start(Map<String, String> props) {
        config().parse(props); // fail the connector, not later its task, on a bad config
        this.props = Map.copyOf(props);
    }

    /** The properties the connector was started with. */
    protected final Map<String, String> props() {
        return props;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        configs.add(new HashMap<>(props));
        return configs;
    }

    @Override
    public void stop() {
        // nothing held; tasks hold the connections
    }

    @Override
    public String version() {
        return VERSION;
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
