package io.blastradius.deploy.local;

import io.blastradius.ingest.simulate.Pacer;
import io.blastradius.schemas.registry.CompatibilityLevel;
import io.blastradius.schemas.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Everything {@code blastradius local} can be told, in one namespace. Values come from the defaults
 * here, a properties file, {@code BLASTRADIUS_*} environment variables and command-line flags, in
 * that order of precedence ({@link io.blastradius.deploy.config.LayeredConfig}).
 *
 * <p>Parts added to the stack later (streams app, Connect worker, query service, replay) add their
 * keys here, each with a constant, a default, a validator where one applies, and a doc string.
 */
public final class LocalStackConfig extends AbstractConfig {

    public static final String DATA_DIR = "data.dir";
    private static final String DATA_DIR_DOC = "Directory holding the broker's log (kafka/) and the registry's "
            + "database (registry/). Kept across runs: topics, records and schema ids survive a restart.";

    public static final String KAFKA_PORT = "kafka.port";
    private static final String KAFKA_PORT_DOC = "Port of the broker's client listener on 127.0.0.1; 0 picks a free one.";

    public static final String KAFKA_CONTROLLER_PORT = "kafka.controller.port";
    private static final String KAFKA_CONTROLLER_PORT_DOC = "Port of the broker's KRaft controller listener on "
            + "127.0.0.1; 0 picks a free one.";

    /** Prefix of broker configs handed to the broker as is, e.g. {@code kafka.broker.num.partitions=6}. */
    public static final String KAFKA_BROKER_PREFIX = "kafka.broker.";

    public static final String REGISTRY_PORT = "registry.port";
    private static final String REGISTRY_PORT_DOC = "HTTP port of the schema registry on 127.0.0.1; 0 picks a free one.";

    public static final String REGISTRY_HEAP_MB = "registry.heap.mb";
    private static final String REGISTRY_HEAP_MB_DOC = "Maximum heap of the registry's JVM, in MiB.";

    public static final String REGISTRY_START_TIMEOUT_MS = "registry.start.timeout.ms";
    private static final String REGISTRY_START_TIMEOUT_MS_DOC = "How long to wait for the registry to become ready.";

    public static final String REGISTRY_COMPATIBILITY = "registry.compatibility";
    private static final String REGISTRY_COMPATIBILITY_DOC = "Global compatibility level stored when the registry's "
            + "database is created (a level set later through the API is kept).";

    public static final String REGISTRY_HOME = "registry.home";
    private static final String REGISTRY_HOME_DOC = "Directory of an unpacked Apicurio Registry distribution. Empty: "
            + "the registry/ directory beside blastradius.jar, else the archive in the local Maven repository.";

    public static final String TOPICS_PREFIX = "topics.prefix";
    private static final String TOPICS_PREFIX_DOC = "Prefix of every topic name (several deployments can share a cluster).";

    public static final String TOPICS_PARTITIONS = "topics.partitions";
    private static final String TOPICS_PARTITIONS_DOC = "Partitions of each topic created (the dead-letter topic has 1).";

    public static final String QUERY_PORT = "query.port";
    private static final String QUERY_PORT_DOC = "HTTP port of the dashboard, REST API, live stream, health and metrics on "
            + "127.0.0.1; 0 picks a free one.";

    public static final String QUERY_API_TOKEN = "query.api.token";
    private static final String QUERY_API_TOKEN_DOC = "When set, the REST API and the live stream need 'Authorization: Bearer "
            + "<token>' (the dashboard asks for it once); health and metrics stay open.";

    public static final String STREAMS_START_TIMEOUT_MS = "streams.start.timeout.ms";
    private static final String STREAMS_START_TIMEOUT_MS_DOC = "How long to wait for the streams app to reach RUNNING "
            + "(restoring its state after a restart included).";

    public static final String CONNECTORS_CONFIG = "connectors.config";
    private static final String CONNECTORS_CONFIG_DOC = "Files of Kafka Connect connector configs, comma-separated "
            + "(connectors=<names>, then <name>.<key>=<value>; ${NAME} is filled from the environment; e.g. "
            + "deploy/config/live-status.properties): when set, the stack runs an in-process Connect worker with those "
            + "connectors, writing to the stack's topics through its registry, and replays nothing unless "
            + "replay.scenario is given. Empty: no worker.";

    public static final String CONNECTORS_START_TIMEOUT_MS = "connectors.start.timeout.ms";
    private static final String CONNECTORS_START_TIMEOUT_MS_DOC = "How long to wait for each connector of "
            + CONNECTORS_CONFIG + " and its tasks to run.";

    /** Value of {@value #REPLAY_SCENARIO} that turns the replay off. */
    public static final String NO_REPLAY = "none";

    public static final String REPLAY_SCENARIO = "replay.scenario";
    private static final String REPLAY_SCENARIO_DOC = "Scenario replayed into the input topics once the stack is up: a built-in "
            + "name (blastradius simulate --list) or a scenario file; '" + NO_REPLAY + "' replays nothing. The world's "
            + "catalog is published first.";

    public static final String REPLAY_SPEED = "replay.speed";
    private static final String REPLAY_SPEED_DOC = "Pace of the replay: N simulated seconds per second (60 = an event-time "
            + "minute a second), realtime, or max. Only publishing is paced: detection runs on the records' event time.";

    public static final String REPLAY_LEAD_MINUTES = "replay.lead.minutes";
    private static final String REPLAY_LEAD_MINUTES_DOC = "Paced publishing starts this many event-time minutes before the "
            + "scenario's first provider outage. What comes before (ordinary traffic, from which the pipeline learns its "
            + "baselines) is published at full speed, and the replay waits until the pipeline has consumed it.";

    public static final String REPLAY_CATCH_UP_TIMEOUT_MS = "replay.catch.up.timeout.ms";
    private static final String REPLAY_CATCH_UP_TIMEOUT_MS_DOC = "How long the replay waits for the pipeline to consume the "
            + "ordinary traffic before it goes on pacing regardless.";

    public static final String SMOKE_DETECTION_TIMEOUT_MS = "smoke.detection.timeout.ms";
    private static final String SMOKE_DETECTION_TIMEOUT_MS_DOC = "With --smoke and a replay: how long to wait for the first "
            + "outage to be detected.";

    public static final String ALERTS_CONFIG = "alerts.config";
    private static final String ALERTS_CONFIG_DOC = "An alert subscriber's properties file (docs/alerts.md): when set, "
            + "the stack runs the subscriber, delivering the stack's alerts to the destinations in it (its Kafka, "
            + "registry and topic settings are the stack's). Empty: no subscriber.";

    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC = "Bound of each part's shutdown.";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(DATA_DIR, Type.STRING, "data", new ConfigDef.NonEmptyString(), Importance.HIGH, DATA_DIR_DOC)
            .define(KAFKA_PORT, Type.INT, 9092, Range.between(0, 65535), Importance.HIGH, KAFKA_PORT_DOC)
            .define(KAFKA_CONTROLLER_PORT, Type.INT, 9093, Range.between(0, 65535), Importance.LOW,
                    KAFKA_CONTROLLER_PORT_DOC)
            .define(REGISTRY_PORT, Type.INT, 8081, Range.between(0, 65535), Importance.HIGH, REGISTRY_PORT_DOC)
            .define(REGISTRY_HEAP_MB, Type.INT, 256, Range.atLeast(64), Importance.LOW, REGISTRY_HEAP_MB_DOC)
            .define(REGISTRY_START_TIMEOUT_MS, Type.LONG, 90_000L, Range.atLeast(1_000), Importance.LOW,
                    REGISTRY_START_TIMEOUT_MS_DOC)
            .define(REGISTRY_COMPATIBILITY, Type.STRING, CompatibilityLevel.BACKWARD.name(),
                    ConfigDef.ValidString.in(Arrays.stream(CompatibilityLevel.values()).map(Enum::name)
                            .toArray(String[]::new)),
                    Importance.MEDIUM, REGISTRY_COMPATIBILITY_DOC)
            .define(REGISTRY_HOME, Type.STRING, "", Importance.LOW, REGISTRY_HOME_DOC)
            .define(TOPICS_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, Importance.MEDIUM, TOPICS_PREFIX_DOC)
            .define(TOPICS_PARTITIONS, Type.INT, 3, Range.between(1, 1000), Importance.MEDIUM, TOPICS_PARTITIONS_DOC)
            .define(QUERY_PORT, Type.INT, 7070, Range.between(0, 65535), Importance.HIGH, QUERY_PORT_DOC)
            .define(QUERY_API_TOKEN, Type.PASSWORD, "", Importance.MEDIUM, QUERY_API_TOKEN_DOC)
            .define(STREAMS_START_TIMEOUT_MS, Type.LONG, 180_000L, Range.atLeast(1_000), Importance.LOW,
                    STREAMS_START_TIMEOUT_MS_DOC)
            .define(CONNECTORS_CONFIG, Type.LIST, List.of(), Importance.MEDIUM, CONNECTORS_CONFIG_DOC)
            .define(CONNECTORS_START_TIMEOUT_MS, Type.LONG, 60_000L, Range.atLeast(1_000), Importance.LOW,
                    CONNECTORS_START_TIMEOUT_MS_DOC)
            .define(REPLAY_SCENARIO, Type.STRING, "aws-2025-10-20", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    REPLAY_SCENARIO_DOC)
            .define(REPLAY_SPEED, Type.STRING, "60", LocalStackConfig::validSpeed, Importance.HIGH, REPLAY_SPEED_DOC)
            .define(REPLAY_LEAD_MINUTES, Type.INT, 30, Range.atLeast(0), Importance.LOW, REPLAY_LEAD_MINUTES_DOC)
            .define(REPLAY_CATCH_UP_TIMEOUT_MS, Type.LONG, 900_000L, Range.atLeast(0), Importance.LOW,
                    REPLAY_CATCH_UP_TIMEOUT_MS_DOC)
            .define(SMOKE_DETECTION_TIMEOUT_MS, Type.LONG, 900_000L, Range.atLeast(1_000), Importance.LOW,
                    SMOKE_DETECTION_TIMEOUT_MS_DOC)
            .define(ALERTS_CONFIG, Type.STRING, "", Importance.MEDIUM, ALERTS_CONFIG_DOC)
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1_000), Importance.LOW,
                    SHUTDOWN_TIMEOUT_MS_DOC);

    public LocalStackConfig(Map<String, ?> values) {
        super(CONFIG, values, false);
        checkPortsDistinct();
    }

    /** The documented keys (for help output and docs). */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Prefixes under which undeclared keys are accepted. */
    public static Set<String> passThroughPrefixes() {
        return Set.of(KAFKA_BROKER_PREFIX);
    }

    public Path dataDir() {
        return Path.of(getString(DATA_DIR)).toAbsolutePath().normalize();
    }

    public int kafkaPort() {
        return getInt(KAFKA_PORT);
    }

    public int kafkaControllerPort() {
        return getInt(KAFKA_CONTROLLER_PORT);
    }

    /** Broker configs given under {@value #KAFKA_BROKER_PREFIX}, without the prefix. */
    public Map<String, String> brokerOverrides() {
        Map<String, String> overrides = new HashMap<>();
        originalsWithPrefix(KAFKA_BROKER_PREFIX).forEach((k, v) -> overrides.put(k, String.valueOf(v)));
        return overrides;
    }

    public int registryPort() {
        return getInt(REGISTRY_PORT);
    }

    public int registryHeapMegabytes() {
        return getInt(REGISTRY_HEAP_MB);
    }

    public Duration registryStartTimeout() {
        return Duration.ofMillis(getLong(REGISTRY_START_TIMEOUT_MS));
    }

    public String registryCompatibility() {
        return getString(REGISTRY_COMPATIBILITY);
    }

    /** The configured registry distribution directory, or null to look for one. */
    public Path registryHome() {
        String home = getString(REGISTRY_HOME);
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    public TopicNames topicNames() {
        return TopicNames.withPrefix(getString(TOPICS_PREFIX));
    }

    public int topicPartitions() {
        return getInt(TOPICS_PARTITIONS);
    }

    public int queryPort() {
        return getInt(QUERY_PORT);
    }

    /** The API token, or empty for an open API. */
    public String queryApiToken() {
        return getPassword(QUERY_API_TOKEN).value();
    }

    public Duration streamsStartTimeout() {
        return Duration.ofMillis(getLong(STREAMS_START_TIMEOUT_MS));
    }

    /** The connectors files, none when the stack runs no Connect worker. */
    public List<Path> connectorsConfig() {
        return getList(CONNECTORS_CONFIG).stream().map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).toList();
    }

    public Duration connectorsStartTimeout() {
        return Duration.ofMillis(getLong(CONNECTORS_START_TIMEOUT_MS));
    }

    /** The scenario to replay, or empty when {@value #REPLAY_SCENARIO} is {@value #NO_REPLAY}. */
    public Optional<String> replayScenario() {
        String scenario = getString(REPLAY_SCENARIO).trim();
        return scenario.equalsIgnoreCase(NO_REPLAY) ? Optional.empty() : Optional.of(scenario);
    }

    public String replaySpeed() {
        return getString(REPLAY_SPEED);
    }

    public Duration replayLead() {
        return Duration.ofMinutes(getInt(REPLAY_LEAD_MINUTES));
    }

    public Duration replayCatchUpTimeout() {
        return Duration.ofMillis(getLong(REPLAY_CATCH_UP_TIMEOUT_MS));
    }

    public Duration smokeDetectionTimeout() {
        return Duration.ofMillis(getLong(SMOKE_DETECTION_TIMEOUT_MS));
    }

    /** The alert subscriber's configuration file, or null when the stack runs none. */
    public Path alertsConfig() {
        String file = getString(ALERTS_CONFIG);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }

    private static void validSpeed(String name, Object value) {
        try {
            Pacer.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private void checkPortsDistinct() {
        int[] ports = {kafkaPort(), kafkaControllerPort(), registryPort(), queryPort()};
        String[] keys = {KAFKA_PORT, KAFKA_CONTROLLER_PORT, REGISTRY_PORT, QUERY_PORT};
        for (int i = 0; i < ports.length; i++) {
            for (int j = i + 1; j < ports.length; j++) {
                if (ports[i] != 0 && ports[i] == ports[j]) {
                    throw new ConfigException(keys[i] + " and " + keys[j] + " are both " + ports[i]
                            + "; every listener needs its own port");
                }
            }
        }
    }
}
