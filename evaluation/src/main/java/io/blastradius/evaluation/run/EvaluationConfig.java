package io.blastradius.evaluation.run;

import io.blastradius.evaluation.score.ScoringOptions;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of an evaluation run (the {@code evaluate} command); scoring definitions are not settings. */
public final class EvaluationConfig extends AbstractConfig {

    public static final String TOPIC_PREFIX = "evaluation.topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of every topic a run creates; each scenario gets "
            + "<prefix><run id>.<n>.<scenario>. so scenarios never share records.";

    public static final String TOPIC_PARTITIONS = "evaluation.topic.partitions";
    private static final String TOPIC_PARTITIONS_DOC = "Partitions of each topic a run creates.";

    public static final String DRAIN_TIMEOUT_MS = "evaluation.drain.timeout.ms";
    private static final String DRAIN_TIMEOUT_MS_DOC = "How long to wait for the pipeline to consume a scenario "
            + "before the run fails with the remaining lag per partition.";

    public static final String DRAIN_POLL_MS = "evaluation.drain.poll.ms";
    private static final String DRAIN_POLL_MS_DOC = "How often consumer-group offsets are compared with end offsets "
            + "while waiting.";

    public static final String READ_TIMEOUT_MS = "evaluation.read.timeout.ms";
    private static final String READ_TIMEOUT_MS_DOC = "Bound on reading one topic back to its end.";

    public static final String TIMELINES_ENABLED = "evaluation.timelines.enabled";
    private static final String TIMELINES_ENABLED_DOC = "Draw an SVG timeline per true outage and per false alarm.";

    public static final String TIMELINES_MAX_FALSE_ALARMS = "evaluation.timelines.max.false.alarms";
    private static final String TIMELINES_MAX_FALSE_ALARMS_DOC = "False alarms drawn per scenario; the rest are "
            + "counted in the notes (a badly tuned pipeline can raise thousands).";

    public static final String RECORD_SIGNALS = "evaluation.record.signals";
    private static final String RECORD_SIGNALS_DOC = "Also copy the three signal streams into each scenario's "
            + "recording, so its timelines can be redrawn later without the stack.";

    public static final String CHECKPOINT_STEP_MS = "evaluation.checkpoint.step.ms";
    private static final String CHECKPOINT_STEP_MS_DOC = "Event-time step of the blast-radius-over-time checkpoints.";

    public static final String DELETE_TOPICS = "evaluation.delete.topics";
    private static final String DELETE_TOPICS_DOC = "Delete a scenario's topics once it is scored and drawn: a "
            + "week of signals takes gigabytes, and the recording keeps what scoring needs. false keeps them to inspect.";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(TOPIC_PREFIX, Type.STRING, "eval.", Importance.MEDIUM, TOPIC_PREFIX_DOC)
            .define(TOPIC_PARTITIONS, Type.INT, 1, Range.atLeast(1), Importance.LOW, TOPIC_PARTITIONS_DOC)
            .define(DRAIN_TIMEOUT_MS, Type.LONG, 900_000L, Range.atLeast(1), Importance.MEDIUM, DRAIN_TIMEOUT_MS_DOC)
            .define(DRAIN_POLL_MS, Type.LONG, 250L, Range.atLeast(10), Importance.LOW, DRAIN_POLL_MS_DOC)
            .define(READ_TIMEOUT_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.LOW, READ_TIMEOUT_MS_DOC)
            .define(TIMELINES_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, TIMELINES_ENABLED_DOC)
            .define(TIMELINES_MAX_FALSE_ALARMS, Type.INT, 50, Range.atLeast(0), Importance.LOW,
                    TIMELINES_MAX_FALSE_ALARMS_DOC)
            .define(RECORD_SIGNALS, Type.BOOLEAN, false, Importance.LOW, RECORD_SIGNALS_DOC)
            .define(CHECKPOINT_STEP_MS, Type.LONG, 300_000L, Range.atLeast(1_000), Importance.LOW,
                    CHECKPOINT_STEP_MS_DOC)
            .define(DELETE_TOPICS, Type.BOOLEAN, true, Importance.LOW, DELETE_TOPICS_DOC);

    public EvaluationConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
    }

    /** The documented keys, for generated docs and CLI help. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public int partitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    public Duration drainTimeout() {
        return Duration.ofMillis(getLong(DRAIN_TIMEOUT_MS));
    }

    public Duration drainPoll() {
        return Duration.ofMillis(getLong(DRAIN_POLL_MS));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getLong(READ_TIMEOUT_MS));
    }

    public boolean timelines() {
        return getBoolean(TIMELINES_ENABLED);
    }

    public int maxFalseAlarmTimelines() {
        return getInt(TIMELINES_MAX_FALSE_ALARMS);
    }

    public boolean recordSignals() {
        return getBoolean(RECORD_SIGNALS);
    }

    public boolean deleteTopics() {
        return getBoolean(DELETE_TOPICS);
    }

    public ScoringOptions scoringOptions() {
        return new ScoringOptions(Duration.ofMillis(getLong(CHECKPOINT_STEP_MS)), ScoringOptions.DEFAULTS.noiseSlack());
    }
}
