package io.blastradius.streams.query.views;

import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.topology.TopologyNames;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores the query service reads besides the topology's own (latest outage per id, latest
 * health per service): what the three signals said per subject and minute, and each service's
 * health history. Added to the correlation topology as named processors beside its nodes
 * ({@link TopologyNames#PROBES_SOURCE} and the other sources, {@link TopologyNames#SERVICE_HEALTH_RECORDS}),
 * so they share its tasks and partitions and change nothing it computes. Both are window stores
 * of one-minute windows with a changelog (standbys keep them too), retained for a configurable
 * span of event time.
 */
public final class QueryViews {
    /** Window store: subject (service id or provider scope) → {@link SignalMinute} per event-time minute. */
    public static final String SIGNALS_STORE = "query-signal-minutes";
    /** Window store: service id → {@code ServiceHealth} per event-time minute its window ends in. */
    public static final String HEALTH_HISTORY_STORE = "query-service-health-history";

    static final String PROBE_SIGNALS = "query-signals-from-probes";
    static final String POST_SIGNALS = "query-signals-from-posts";
    static final String STATUS_SIGNALS = "query-signals-from-status";
    static final String HEALTH_HISTORY = "query-service-health-history-writer";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private QueryViews() {
    }

    /**
     * Adds the views to {@code topology} (built by {@code BlastRadiusTopology}).
     *
     * @param recorded told the topic of each input record the signal view took in (for metrics)
     */
    public static void addTo(Topology topology, Topics topics, Duration signalRetention, Duration healthRetention,
            Consumer<String> recorded) {
        topology.addProcessor(PROBE_SIGNALS, () -> new SignalRecorder<>(SIGNALS_STORE,
                topics.probeResults().valueSerde().deserializer(), SignalRecorder.PROBES, recorded), TopologyNames.PROBES_SOURCE);
        topology.addProcessor(POST_SIGNALS, () -> new SignalRecorder<>(SIGNALS_STORE,
                topics.socialSignals().valueSerde().deserializer(), SignalRecorder.POSTS, recorded), TopologyNames.SOCIAL_SOURCE);
        topology.addProcessor(STATUS_SIGNALS, () -> new SignalRecorder<>(SIGNALS_STORE,
                topics.statusEvents().valueSerde().deserializer(), SignalRecorder.STATUS, recorded), TopologyNames.STATUS_SOURCE);
        topology.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(SIGNALS_STORE, signalRetention, MINUTE, false),
                        Serdes.String(), SignalMinute.SERDE).withCachingEnabled(),
                PROBE_SIGNALS, POST_SIGNALS, STATUS_SIGNALS);

        topology.addProcessor(HEALTH_HISTORY, HealthHistoryRecorder::new, TopologyNames.SERVICE_HEALTH_RECORDS);
        topology.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(HEALTH_HISTORY_STORE, healthRetention, MINUTE, false),
                        Serdes.String(), topics.serviceHealth().valueSerde()).withCachingEnabled(),
                HEALTH_HISTORY);
    }
}
