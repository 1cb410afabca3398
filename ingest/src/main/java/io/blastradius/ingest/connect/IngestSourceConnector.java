package io.blastradius.ingest.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The base of blastradius source connectors: keeps the connector's properties, validates them on
 * start, and hands them to one task (override {@link #taskConfigs} to spread sources over several).
 *
 * <p>Validation covers the {@link #config() ConfigDef} and then what it cannot express, which a
 * connector checks in {@link #checkConfig} (usually by building its typed config): keys that depend
 * on each other, per-item settings, a salt too short. Both run on start, so a bad config fails the
 * connector rather than later its tasks, and in Connect's validate call, which reports the second
 * kind on the key the error names (else on {@link #keyForErrors()}).
 */
public abstract class IngestSourceConnector extends SourceConnector {
    /** The version every blastradius plugin reports. */
    public static final String VERSION = versionOf(IngestSourceConnector.class);

    private static final String NAMED_KEY = " for configuration ";

    private Map<String, String> props = Map.of();

    @Override
    public void start(Map<String, String> props) {
        config().parse(props); // fail the connector, not later its task, on a bad config
        checkConfig(props);
        this.props = Map.copyOf(props);
    }

    /**
     * Checks what the {@code ConfigDef} cannot, throwing a {@link ConfigException}; called after the
     * {@code ConfigDef} accepted {@code props}. Contacts nothing. The default checks nothing more.
     */
    protected void checkConfig(Map<String, String> props) {
    }

    /** The key an error of {@link #checkConfig} that names no defined key is reported on. */
    protected String keyForErrors() {
        return IngestSourceConfig.TOPIC;
    }

    @Override
    public Config validate(Map<String, String> props) {
        Config result = super.validate(props);
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        try {
            checkConfig(props);
        } catch (RuntimeException e) { // a ConfigException mostly; an unparseable URL may surface as another
            String named = e instanceof ConfigException ? namedKey(e.getMessage()) : null;
            ConfigValue target = find(result, named);
            if (target == null) {
                target = find(result, keyForErrors());
            }
            if (target == null) {
                target = new ConfigValue(keyForErrors());
                result.configValues().add(target);
            }
            target.addErrorMessage(e.getMessage());
        }
        return result;
    }

    /** The key a {@link ConfigException} names ("Invalid value v for configuration k: ..."), or null. */
    private static String namedKey(String message) {
        int at = message == null ? -1 : message.lastIndexOf(NAMED_KEY);
        if (at < 0) {
            return null;
        }
        String rest = message.substring(at + NAMED_KEY.length());
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).trim();
    }

    private static ConfigValue find(Config config, String key) {
        if (key == null) {
            return null;
        }
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElse(null);
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
