package io.blastradius.ingest.simulate;

import io.blastradius.schemas.topic.TopicNames;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of a simulation run: which scenario, and where its signals go (files, Kafka, or both).
 * The {@code blastradius simulate} command and {@link SimulateMain} map their flags onto these keys.
 */
public final class SimulatorConfig extends AbstractConfig {
    public static final String SCENARIO = "scenario";
    private static final String SCENARIO_DOC = "Scenario to run: a built-in name (aws-2025-10-20, aws-2021-12-07, gcp-2025-06-12, "
            + "cloudflare-2025-11-18, quiet-week, mixed-suite) or a path to a scenario file.";
    public static final String OUTPUT_DIR = "output.dir";
    private static final String OUTPUT_DIR_DOC = "Directory to write the signal streams, the catalog and truth.json to; empty for none.";
    public static final String OUTPUT_FORMAT = "output.format";
    private static final String OUTPUT_FORMAT_DOC = "File format of the streams: avro (object container files) or jsonl "
            + "(JSON lines in Avro's JSON encoding).";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka bootstrap servers to publish to; empty to publish nothing.";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Confluent-compatible schema registry for the Avro values (mock://<name> for an in-memory one).";
    public static final String TOPIC_PREFIX = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of every topic name (TopicNames.withPrefix).";
    public static final String SPEED = "speed";
    private static final String SPEED_DOC = "How fast to publish: max (as fast as possible), realtime, or a factor such as 60 "
            + "(sixty simulated seconds per second). Records always carry their event time as timestamp.";
    public static final String CATALOG_PUBLISH = "catalog.publish";
    private static final String CATALOG_PUBLISH_DOC = "Whether to publish (or write) the world's dependency catalog before the signals.";
    public static final String TRUTH_FILE = "truth.file";
    private static final String TRUTH_FILE_DOC = "Where to write truth.json; defaults to <output.dir>/truth.json when output.dir is set.";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCENARIO, Type.STRING, "aws-2025-10-20", new ConfigDef.NonEmptyString(), Importance.HIGH, SCENARIO_DOC)
            .define(OUTPUT_DIR, Type.STRING, "", Importance.HIGH, OUTPUT_DIR_DOC)
            .define(OUTPUT_FORMAT, Type.STRING, "avro", ConfigDef.CaseInsensitiveValidString.in("avro", "jsonl"), Importance.MEDIUM,
                    OUTPUT_FORMAT_DOC)
            .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(SCHEMA_REGISTRY_URL, Type.STRING, "", Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(TOPIC_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, Importance.MEDIUM, TOPIC_PREFIX_DOC)
            .define(SPEED, Type.STRING, "max", SimulatorConfig::validSpeed, Importance.MEDIUM, SPEED_DOC)
            .define(CATALOG_PUBLISH, Type.BOOLEAN, true, Importance.LOW, CATALOG_PUBLISH_DOC)
            .define(TRUTH_FILE, Type.STRING, "", Importance.MEDIUM, TRUTH_FILE_DOC);

    public SimulatorConfig(Map<?, ?> props) {
        super(DEFINITION, props);
        if (getString(OUTPUT_DIR).isBlank() && getString(BOOTSTRAP_SERVERS).isBlank()) {
            throw new ConfigException("nothing to do: set " + OUTPUT_DIR + " (files) and/or " + BOOTSTRAP_SERVERS + " (Kafka)");
        }
        if (!getString(BOOTSTRAP_SERVERS).isBlank() && getString(SCHEMA_REGISTRY_URL).isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required to publish to Kafka");
        }
    }

    private static void validSpeed(String name, Object value) {
        try {
            Pacer.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    public FileOutput.Format format() {
        return FileOutput.Format.valueOf(getString(OUTPUT_FORMAT).toUpperCase(Locale.ROOT));
    }

    public Pacer pacer() {
        return Pacer.parse(getString(SPEED));
    }
}
