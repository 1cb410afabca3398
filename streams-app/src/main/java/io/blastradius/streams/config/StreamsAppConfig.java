package io.blastradius.streams.config;

import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.streams.app.BoundedRocksDbConfig;
import io.blastradius.streams.correlation.ComplaintBaseline.BaselineSettings;
import io.blastradius.streams.correlation.CorrelationSettings;
import io.blastradius.streams.correlation.HealthSettings;
import io.blastradius.streams.topology.AlignmentSettings;
import io.blastradius.streams.topology.DetectionSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the streams application: where Kafka and the registry are, the topic prefix,
 * state and memory limits, and the detection thresholds. Every key is documented in
 * {@link #CONFIG}; anything prefixed {@code kafka.} is passed to Kafka Streams as is (for example
 * {@code kafka.commit.interval.ms}), after these keys, so it can override the defaults below but
 * the processing guarantee stays exactly-once.
 */
public final class StreamsAppConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String STATE_DIR = "state.dir";
    public static final String STREAM_THREADS = "num.stream.threads";
    public static final String ROCKSDB_MEMORY_BYTES = BoundedRocksDbConfig.MEMORY_BYTES;
    public static final String ROCKSDB_WRITE_BUFFER_SHARE = BoundedRocksDbConfig.WRITE_BUFFER_SHARE;
    public static final String CLOSE_TIMEOUT_MS = "close.timeout.ms";
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String HEALTH_VIEW_MINUTES = "detection.health.view.minutes";
    public static final String HEALTH_QUORUM_VANTAGES = "detection.health.quorum.vantages";
    public static final String HEALTH_VANTAGE_FAIL_RATIO = "detection.health.vantage.fail.ratio";
    public static final String HEALTH_GRACE_MS = "detection.health.grace.ms";
    public static final String HEALTH_VANTAGE_TROUBLE_EXCESS = "detection.health.vantage.trouble.excess";
    public static final String HEALTH_VANTAGE_TROUBLE_MIN_CHECKS = "detection.health.vantage.trouble.min.checks";
    public static final String COMPLAINT_SURPRISE = "detection.health.complaint.surprise";
    public static final String MIN_UNITS = "detection.outage.min.dependents";
    public static final String ENTER_SURPRISE = "detection.outage.enter.surprise";
    public static final String STAY_SURPRISE = "detection.outage.stay.surprise";
    public static final String PRIOR_BASE_RATE = "detection.outage.prior.base.rate";
    public static final String RECOVER_AFTER_MINUTES = "detection.outage.recover.after.minutes";
    public static final String RESOLVE_QUIET_MINUTES = "detection.outage.resolve.quiet.minutes";
    public static final String MERGE_WINDOW_MINUTES = "detection.outage.merge.window.minutes";
    public static final String RIVAL_MARGIN = "detection.outage.rival.margin";
    public static final String RIVAL_WAIT_MINUTES = "detection.outage.rival.wait.minutes";
    public static final String ALIGNMENT_SOURCES = "detection.alignment.sources";
    public static final String ALIGNMENT_MAX_SKEW_MINUTES = "detection.alignment.max.skew.minutes";
    public static final String ALIGNMENT_MAX_BUFFERED = "detection.alignment.max.buffered";
    public static final String ALIGNMENT_IDLE_MS = "detection.alignment.idle.ms";

    private static final HealthSettings H = HealthSettings.defaults();
    private static final CorrelationSettings C = CorrelationSettings.defaults();
    private static final DetectionSettings D = DetectionSettings.defaults();
    private static final AlignmentSettings A = AlignmentSettings.defaults();

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Kafka brokers to connect to, host:port, comma-separated.")
            .define(APPLICATION_ID, Type.STRING, "blastradius-streams", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application id: the consumer group, and the prefix of internal topics and state directories. "
                            + "Every instance of one deployment uses the same id.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Confluent-compatible schema registry URL (mock://<scope> for an in-memory one in tests).")
            .define(TOPIC_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, Importance.MEDIUM,
                    "Prefix of every blastradius topic name (blastradius.probe-results, ...).")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/blastradius-streams", Importance.MEDIUM,
                    "Directory of the local state stores.")
            .define(STREAM_THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
                    "Stream threads of this instance.")
            .define(ROCKSDB_MEMORY_BYTES, Type.LONG, 64L * 1024 * 1024, Range.atLeast(4L * 1024 * 1024), Importance.MEDIUM,
                    "Memory for all RocksDB stores of this JVM together: one block cache of this size, which also accounts for "
                            + "the write buffers (see " + ROCKSDB_WRITE_BUFFER_SHARE + ").")
            .define(ROCKSDB_WRITE_BUFFER_SHARE, Type.DOUBLE, 0.25, Range.between(0.05, 0.9), Importance.LOW,
                    "Share of " + ROCKSDB_MEMORY_BYTES + " that memtables (write buffers) may take.")
            .define(CLOSE_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                    "How long close waits for Kafka Streams to shut down cleanly.")
            .define(HEALTH_VIEW_MINUTES, Type.INT, H.viewMinutes(), Range.between(1, 10), Importance.LOW,
                    "Closed minutes a service's health judgement looks at.")
            .define(HEALTH_QUORUM_VANTAGES, Type.INT, H.quorumVantages(), Range.atLeast(1), Importance.LOW,
                    "Failing vantage points needed (and more than half of those reporting) before probes say a service fails.")
            .define(HEALTH_VANTAGE_FAIL_RATIO, Type.DOUBLE, H.vantageFailRatio(), Range.between(0.0, 1.0), Importance.LOW,
                    "Share of a vantage point's checks in the view that must fail for it to count as failing.")
            .define(HEALTH_VANTAGE_TROUBLE_EXCESS, Type.DOUBLE, H.troubleExcess(), Range.between(0.01, 1.0), Importance.LOW,
                    "A vantage point whose share of failed checks in a minute, over all services, exceeds the other vantage "
                            + "points' median share by this much is in trouble (its own network): its checks of that minute take "
                            + "no part in any quorum. 1 turns this off.")
            .define(HEALTH_VANTAGE_TROUBLE_MIN_CHECKS, Type.INT, H.troubleMinChecks(), Range.atLeast(1), Importance.LOW,
                    "Checks a vantage point must make in a minute before it can be found in trouble.")
            .define(HEALTH_GRACE_MS, Type.LONG, D.graceMillis(), Range.atLeast(0), Importance.LOW,
                    "How long after a minute ends (in event time) it is judged, for slightly late records.")
            .define(COMPLAINT_SURPRISE, Type.DOUBLE, H.complaintSurprise(), Range.atLeast(0), Importance.LOW,
                    "-log10 chance of the complaint volume under the learned baseline at which complaints count as evidence.")
            .define(MIN_UNITS, Type.INT, C.minUnits(), Range.atLeast(2), Importance.MEDIUM,
                    "Independent dependents (organisations) that must fail together to suspect a provider outage.")
            .define(ENTER_SURPRISE, Type.DOUBLE, C.enterSurprise(), Range.atLeast(0), Importance.MEDIUM,
                    "-log10 chance of coincidence needed to suspect a provider outage.")
            .define(STAY_SURPRISE, Type.DOUBLE, C.staySurprise(), Range.atLeast(0), Importance.LOW,
                    "-log10 chance of coincidence that keeps an outage active (lower than the entry level: hysteresis).")
            .define(PRIOR_BASE_RATE, Type.DOUBLE, C.priorBaseRate(), Range.between(1e-6, 0.5), Importance.LOW,
                    "Share of minutes a service is assumed unhealthy before the stream has taught its usual failure rate.")
            .define(RECOVER_AFTER_MINUTES, Type.INT, C.recoverAfterMinutes(), Range.atLeast(1), Importance.LOW,
                    "Minutes without strong evidence before an outage is RECOVERING.")
            .define(RESOLVE_QUIET_MINUTES, Type.INT, C.resolveQuietMinutes(), Range.atLeast(1), Importance.LOW,
                    "Quiet minutes before a recovering outage is RESOLVED.")
            .define(MERGE_WINDOW_MINUTES, Type.INT, C.mergeWindowMinutes(), Range.atLeast(0), Importance.LOW,
                    "A related scope failing within this many minutes after a resolution reopens the same outage.")
            .define(RIVAL_MARGIN, Type.DOUBLE, C.rivalMargin(), Range.atLeast(0), Importance.LOW,
                    "Natural-log likelihood ratio by which the best scope must beat a related rival (a region against the "
                            + "compute service in it) for a new outage to open at once; closer, it waits for the evidence to "
                            + "separate them, at most " + RIVAL_WAIT_MINUTES + ". 0 = never wait.")
            .define(RIVAL_WAIT_MINUTES, Type.INT, C.rivalWaitMinutes(), Range.atLeast(0), Importance.LOW,
                    "Minutes a new outage may wait for its scope to be told apart from a related rival; the provider's "
                            + "status feed ends the wait.")
            .define(ALIGNMENT_SOURCES, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                    "Upstream tasks whose event time the health and correlation stages line up before deciding: the "
                            + "partition count of the input topics. 0 = read it from the cluster at start.")
            .define(ALIGNMENT_MAX_SKEW_MINUTES, Type.INT, A.maxSkewMinutes(), Range.atLeast(1), Importance.LOW,
                    "Event-time lead of the fastest upstream task over a slower one beyond which the health and correlation "
                            + "stages may stop waiting for the slower one, once it is also idle (" + ALIGNMENT_IDLE_MS + ").")
            .define(ALIGNMENT_IDLE_MS, Type.LONG, A.idleMillis(), Range.atLeast(0), Importance.LOW,
                    "Wall-clock time an upstream task lagging by more than " + ALIGNMENT_MAX_SKEW_MINUTES + " must have made no "
                            + "progress before the health and correlation stages stop waiting for it (an idle partition must not stall "
                            + "detection in live mode; a slow one on a replay is still waited for).")
            .define(ALIGNMENT_MAX_BUFFERED, Type.INT, A.maxBuffered(), Range.atLeast(1), Importance.LOW,
                    "Inputs the correlation stage holds back while waiting for slower upstream tasks.");

    public StreamsAppConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
        if (getInt(HEALTH_QUORUM_VANTAGES) < 2) {
            // one vantage point is never a quorum: its own network trouble would read as an outage
            throw new org.apache.kafka.common.config.ConfigException(HEALTH_QUORUM_VANTAGES, getInt(HEALTH_QUORUM_VANTAGES),
                    "a quorum needs at least 2 vantage points");
        }
    }

    public TopicNames topicNames() {
        return TopicNames.withPrefix(getString(TOPIC_PREFIX));
    }

    /** The registry and serde settings (the keys of {@code AvroSerdeConfig}), for {@code AvroSerdes}. */
    public Map<String, Object> serdeConfig() {
        Set<String> serdeKeys = AvroSerdeConfig.configDef().names();
        Map<String, Object> result = new HashMap<>();
        originals().forEach((k, v) -> {
            if (serdeKeys.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    /** Whether the upstream task count must be read from the cluster ({@link #ALIGNMENT_SOURCES} is 0). */
    public boolean alignmentSourcesFromCluster() {
        return getInt(ALIGNMENT_SOURCES) == 0;
    }

    /** Client settings for an admin client beside the streams app: the brokers and any {@code kafka.*} overrides. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> p = new HashMap<>();
        Set<String> adminKeys = AdminClientConfig.configNames();
        originalsWithPrefix(KAFKA_PREFIX).forEach((k, v) -> {
            if (adminKeys.contains(k)) {
                p.put(k, v);
            }
        });
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS)));
        return p;
    }

    public Duration closeTimeout() {
        return Duration.ofMillis(getLong(CLOSE_TIMEOUT_MS));
    }

    /** The Kafka Streams properties: exactly-once v2, bounded RocksDB memory, then any {@code kafka.*} overrides. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS)));
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(STREAM_THREADS));
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        p.put(ROCKSDB_MEMORY_BYTES, getLong(ROCKSDB_MEMORY_BYTES));
        p.put(ROCKSDB_WRITE_BUFFER_SHARE, getDouble(ROCKSDB_WRITE_BUFFER_SHARE));
        originalsWithPrefix(KAFKA_PREFIX).forEach(p::put);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    public DetectionSettings detectionSettings() {
        HealthSettings health = new HealthSettings(getInt(HEALTH_VIEW_MINUTES), getDouble(HEALTH_VANTAGE_FAIL_RATIO),
                H.vantageMinFailures(), getInt(HEALTH_QUORUM_VANTAGES), H.quorumShare(), H.complaintMinWeight(),
                getDouble(COMPLAINT_SURPRISE), Math.max(getDouble(COMPLAINT_SURPRISE) + 1, H.complaintStrongSurprise()),
                H.degradedScore(), H.downScore(), H.recoverScore(), getInt(HEALTH_VANTAGE_TROUBLE_MIN_CHECKS),
                getDouble(HEALTH_VANTAGE_TROUBLE_EXCESS));
        CorrelationSettings correlation = new CorrelationSettings(getDouble(PRIOR_BASE_RATE), C.priorWeightMinutes(),
                getInt(MIN_UNITS), getDouble(ENTER_SURPRISE), C.stayUnits(),
                Math.min(getDouble(STAY_SURPRISE), getDouble(ENTER_SURPRISE)), C.suspectConfidence(),
                C.confirmConfidence(), getInt(RECOVER_AFTER_MINUTES), getInt(RESOLVE_QUIET_MINUTES), C.retractAfterMinutes(),
                getInt(MERGE_WINDOW_MINUTES), C.healthStalenessMinutes(), getDouble(RIVAL_MARGIN), getInt(RIVAL_WAIT_MINUTES));
        AlignmentSettings alignment = new AlignmentSettings(Math.max(1, getInt(ALIGNMENT_SOURCES)),
                getInt(ALIGNMENT_MAX_SKEW_MINUTES), getLong(ALIGNMENT_IDLE_MS), getInt(ALIGNMENT_MAX_BUFFERED));
        return new DetectionSettings(health, correlation, BaselineSettings.defaults(), getLong(HEALTH_GRACE_MS),
                Math.max(D.retainMinutes(), health.viewMinutes()), D.complaintWarmupMinutes(), alignment);
    }
}
