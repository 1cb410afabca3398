package io.blastradius.ingest.connect;

import io.blastradius.schemas.topic.TopicNames;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The keys every blastradius source connector has. A connector's own config class extends this
 * one and builds its {@link ConfigDef} from {@link #baseConfigDef(String)}, adding its own keys:
 *
 * <pre>{@code
 * public static final ConfigDef CONFIG = IngestSourceConfig.baseConfigDef(TopicNames.defaults().statusEvents())
 *         .define(POLL_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(1_000), Importance.HIGH, POLL_INTERVAL_MS_DOC);
 * }</pre>
 */
public class IngestSourceConfig extends AbstractConfig {

    public static final String TOPIC = "topic";
    private static final String TOPIC_DOC = "Topic the connector writes its records to.";

    public static final String DEAD_LETTER_TOPIC = "dead.letter.topic";
    private static final String DEAD_LETTER_TOPIC_DOC = "Topic for payloads that cannot be parsed: a DeadLetter "
            + "record with the cause, the stage and the raw bytes, so nothing is lost. Empty to log and drop them.";

    public static final String QUEUE_CAPACITY = "queue.capacity";
    private static final String QUEUE_CAPACITY_DOC = "Records buffered between the connector's reader thread and "
            + "Connect's poll(); a full queue blocks the reader, so a slow Kafka slows the reading, not the heap.";

    public static final String POLL_MAX_RECORDS = "poll.max.records";
    private static final String POLL_MAX_RECORDS_DOC = "Most records handed to Connect by one poll().";

    public static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    private static final String POLL_TIMEOUT_MS_DOC = "Longest poll() waits for a first record before returning "
            + "none, so that Connect can commit offsets and stop the task.";

    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC = "How long stop() waits for reader threads to finish.";

    /** The common keys, with {@code defaultTopic} as the default of {@value #TOPIC}. A new instance each call. */
    public static ConfigDef baseConfigDef(String defaultTopic) {
        return new ConfigDef()
                .define(TOPIC, Type.STRING, defaultTopic, new ConfigDef.NonEmptyString(), Importance.HIGH, TOPIC_DOC)
                .define(DEAD_LETTER_TOPIC, Type.STRING, TopicNames.defaults().deadLetters(), Importance.MEDIUM,
                        DEAD_LETTER_TOPIC_DOC)
                .define(QUEUE_CAPACITY, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW, QUEUE_CAPACITY_DOC)
                .define(POLL_MAX_RECORDS, Type.INT, 1_000, ConfigDef.Range.atLeast(1), Importance.LOW, POLL_MAX_RECORDS_DOC)
                .define(POLL_TIMEOUT_MS, Type.LONG, 500L, ConfigDef.Range.between(1, 60_000), Importance.LOW,
                        POLL_TIMEOUT_MS_DOC)
                .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                        SHUTDOWN_TIMEOUT_MS_DOC);
    }

    public IngestSourceConfig(ConfigDef definition, Map<?, ?> props) {
        super(definition, props);
    }

    public String topic() {
        return getString(TOPIC);
    }

    /** The dead-letter topic, or null when dead letters are turned off. */
    public String deadLetterTopic() {
        String topic = getString(DEAD_LETTER_TOPIC);
        return topic == null || topic.isBlank() ? null : topic;
    }

    public int queueCapacity() {
        return getInt(QUEUE_CAPACITY);
    }

    public int pollMaxRecords() {
        return getInt(POLL_MAX_RECORDS);
    }

    public Duration pollTimeout() {
        return Duration.ofMillis(getLong(POLL_TIMEOUT_MS));
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }
}
