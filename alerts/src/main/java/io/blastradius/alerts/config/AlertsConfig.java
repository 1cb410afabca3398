package io.blastradius.alerts.config;

import io.blastradius.alerts.json.JsonTopicDestination;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.topic.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of an alert subscriber (docs/alerts.md has an annotated example): where Kafka and the
 * registry are, its consumer group, and the destinations with their filters, each under
 * {@code destination.<name>.} ({@link DestinationConfig}). Values may use {@code ${ENV_VAR}}
 * placeholders ({@link Placeholders}), resolved from the environment given to {@link #load}.
 */
public final class AlertsConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka bootstrap servers.";

    public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
    private static final String SCHEMA_REGISTRY_URL_DOC = "Confluent-compatible schema registry URL (Apicurio: "
            + "http://host:port/apis/ccompat/v7).";

    public static final String TOPICS_PREFIX = "topics.prefix";
    private static final String TOPICS_PREFIX_DOC = "Prefix of every topic name (TopicNames.withPrefix): the alerts are "
            + "read from <prefix>outage-alerts, dead letters go to <prefix>alert-dead-letters, the JSON form to "
            + "<prefix>outage-alerts-json.";

    public static final String GROUP_ID = "group.id";
    private static final String GROUP_ID_DOC = "The subscriber's consumer group. Subscribers with different groups each "
            + "get every alert; instances sharing a group split the partitions.";

    public static final String JSON_TOPIC_ENABLED = "json.topic.enabled";
    private static final String JSON_TOPIC_ENABLED_DOC = "Also publish every alert in its JSON form (docs/alerts.md) to "
            + "<prefix>outage-alerts-json, keyed by outage id, with the same delivery guarantees as a destination.";

    public static final String DASHBOARD_URL = "dashboard.url";
    private static final String DASHBOARD_URL_DOC = "Link to an outage on the dashboard, with {outageId} standing for "
            + "the id (e.g. http://127.0.0.1:7070/api/v1/outages/{outageId}). Empty: messages carry no link.";

    public static final String DESTINATIONS = "destinations";
    private static final String DESTINATIONS_DOC = "Names of the destinations to deliver to, each configured under "
            + "destination.<name>. (names: lowercase letters, digits, - and _).";

    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    private static final String COMMIT_INTERVAL_MS_DOC = "How often the offsets up to which every destination has "
            + "delivered or dead-lettered are committed. Shorter: fewer alerts sent again after a crash.";

    public static final String MAX_PENDING = "max.pending.per.destination";
    private static final String MAX_PENDING_DOC = "Alerts waiting for one destination before the subscriber stops "
            + "reading more (the other destinations still get what was read). Bounds memory when a destination is down.";

    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC = "How long a clean stop waits for deliveries under way; "
            + "what is not delivered by then is delivered again after the restart.";

    /** Prefix of settings handed to the Kafka consumer as is ({@code consumer.max.poll.records=100}). */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Prefix of settings handed to the Kafka producer (dead letters, JSON topic) as is. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** Prefix of further Avro serde settings ({@code serde.basic.auth.user.info=...}); see AvroSerdeConfig. */
    public static final String SERDE_PREFIX = "serde.";
    /** Prefix of each destination's settings: {@code destination.<name>.<key>}. */
    public static final String DESTINATION_PREFIX = "destination.";

    private static final Pattern DESTINATION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(TOPICS_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, Importance.MEDIUM, TOPICS_PREFIX_DOC)
            .define(GROUP_ID, Type.STRING, "blastradius-alerts", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    GROUP_ID_DOC)
            .define(JSON_TOPIC_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM, JSON_TOPIC_ENABLED_DOC)
            .define(DASHBOARD_URL, Type.STRING, "", Importance.MEDIUM, DASHBOARD_URL_DOC)
            .define(DESTINATIONS, Type.LIST, List.of(), Importance.HIGH, DESTINATIONS_DOC)
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1_000L, Range.atLeast(10), Importance.LOW, COMMIT_INTERVAL_MS_DOC)
            .define(MAX_PENDING, Type.INT, 10_000, Range.atLeast(1), Importance.LOW, MAX_PENDING_DOC)
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW, SHUTDOWN_TIMEOUT_MS_DOC);

    private final List<DestinationConfig> destinations;

    /** Settings from {@code values}, placeholders substituted from {@code environment}. */
    public AlertsConfig(Map<String, String> values, Map<String, String> environment) {
        this(substitute(values, new Placeholders(environment)));
    }

    private AlertsConfig(Map<String, String> resolved) {
        super(CONFIG, resolved, false);
        rejectUnknown(resolved.keySet());
        this.destinations = parseDestinations();
        if (destinations.isEmpty() && !getBoolean(JSON_TOPIC_ENABLED)) {
            throw new ConfigException("nothing to deliver to: set " + DESTINATIONS + " (and destination.<name>.*) "
                    + "or " + JSON_TOPIC_ENABLED + "=true");
        }
    }

    /**
     * Reads a properties file, then applies {@code overrides} (command-line settings) on top.
     *
     * @throws ConfigException for an unreadable file, an unknown key, a missing variable or a bad value
     */
    public static AlertsConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read alerts config file " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
        }
        values.putAll(overrides);
        return new AlertsConfig(values, environment);
    }

    /** The documented top-level keys. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public TopicNames topicNames() {
        return TopicNames.withPrefix(getString(TOPICS_PREFIX));
    }

    public String groupId() {
        return getString(GROUP_ID);
    }

    public boolean jsonTopicEnabled() {
        return getBoolean(JSON_TOPIC_ENABLED);
    }

    /** The dashboard link template, or null. */
    public String dashboardUrl() {
        String url = getString(DASHBOARD_URL);
        return url == null || url.isBlank() ? null : url;
    }

    public List<DestinationConfig> destinations() {
        return destinations;
    }

    public Duration commitInterval() {
        return Duration.ofMillis(getLong(COMMIT_INTERVAL_MS));
    }

    public int maxPendingPerDestination() {
        return getInt(MAX_PENDING);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }

    /** Registry and serde settings for {@code AvroSerdes}. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> serde = new HashMap<>(originalsWithPrefix(SERDE_PREFIX));
        serde.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, getString(SCHEMA_REGISTRY_URL));
        return serde;
    }

    /** Extra consumer settings (without the prefix). */
    public Map<String, Object> consumerOverrides() {
        return originalsWithPrefix(CONSUMER_PREFIX);
    }

    /** Extra producer settings (without the prefix). */
    public Map<String, Object> producerOverrides() {
        return originalsWithPrefix(PRODUCER_PREFIX);
    }

    private List<DestinationConfig> parseDestinations() {
        List<String> names = getList(DESTINATIONS);
        Set<String> seen = new TreeSet<>();
        List<DestinationConfig> parsed = new ArrayList<>();
        for (String name : names) {
            if (!DESTINATION_NAME.matcher(name).matches()) {
                throw new ConfigException(DESTINATIONS, name, "a destination name is lowercase letters, digits, - and _");
            }
            if (name.equals(JsonTopicDestination.NAME)) {
                throw new ConfigException(DESTINATIONS, name, "reserved for the JSON topic (" + JSON_TOPIC_ENABLED + ")");
            }
            if (!seen.add(name)) {
                throw new ConfigException(DESTINATIONS, name, "listed twice");
            }
            Map<String, Object> keys = originalsWithPrefix(DESTINATION_PREFIX + name + ".");
            if (keys.isEmpty()) {
                throw new ConfigException(DESTINATIONS, name, "no destination." + name + ".* settings");
            }
            parsed.add(new DestinationConfig(name, keys));
        }
        // settings for a destination that is not listed are most likely a typo in the list
        Set<String> configured = new TreeSet<>();
        for (String key : originalsWithPrefix(DESTINATION_PREFIX).keySet()) {
            int dot = key.indexOf('.');
            configured.add(dot < 0 ? key : key.substring(0, dot));
        }
        configured.removeAll(seen);
        if (!configured.isEmpty()) {
            throw new ConfigException("settings for destination(s) " + configured + " that are not in " + DESTINATIONS
                    + " " + names);
        }
        return List.copyOf(parsed);
    }

    private static void rejectUnknown(Set<String> keys) {
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!CONFIG.names().contains(key) && !key.startsWith(CONSUMER_PREFIX) && !key.startsWith(PRODUCER_PREFIX)
                    && !key.startsWith(SERDE_PREFIX) && !key.startsWith(DESTINATION_PREFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s) " + unknown + "; known: " + new TreeMap<>(CONFIG.configKeys())
                    .keySet() + " and keys under " + List.of(DESTINATION_PREFIX + "<name>.", CONSUMER_PREFIX,
                    PRODUCER_PREFIX, SERDE_PREFIX));
        }
    }

    private static Map<String, String> substitute(Map<String, String> values, Placeholders placeholders) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, placeholders.resolve(k, v)));
        return out;
    }
}
