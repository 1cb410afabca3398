package io.blastradius.streams.topology;

import static io.blastradius.streams.topology.TopologyNames.*;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Wires the correlation topology. Pure: it takes the typed topics (with their serdes) and the
 * detection settings and returns a {@link Topology}; it reads no configuration and starts nothing.
 *
 * <pre>
 * probe-results ─┐                                 ┌─► dead-letters
 * social-signals ─┼─► validate ─► progress marks ─┬─┤
 * status-events ─┘                                ├─► [service-observations] ─► service-health ─┬─► service-health
 *                  (probes on their own partition │    (progress marks to every partition)       └─► fan-out ─┐
 *                   skip the repartition)         └──────────────────────────────────────────────────────────┴─►
 *     [correlation-input, one partition] ─► correlation ─┬─► outages
 *                                                        └─► outage-alerts
 * catalog topics ─► global stores ─► CatalogView (read by fan-out and correlation)
 * </pre>
 */
public final class BlastRadiusTopology {
    private BlastRadiusTopology() {
    }

    /** Builds the topology over {@code topics}; every node, store and repartition is named. */
    public static Topology build(Topics topics, DetectionSettings settings) {
        return build(topics, settings, new CatalogView());
    }

    /** As {@link #build(Topics, DetectionSettings)}, sharing {@code catalog} with the caller (the query service reads it). */
    public static Topology build(Topics topics, DetectionSettings settings, CatalogView catalog) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEPENDENCIES_STORE), keys,
                        topics.serviceDependencies().valueSerde()).withLoggingDisabled(),
                topics.serviceDependencies().name(),
                Consumed.with(keys, topics.serviceDependencies().valueSerde()).withName(DEPENDENCIES_SOURCE),
                () -> CatalogUpdaters.dependencies(catalog, DEPENDENCIES_STORE));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SERVICES_STORE), keys,
                        topics.services().valueSerde()).withLoggingDisabled(),
                topics.services().name(),
                Consumed.with(keys, topics.services().valueSerde()).withName(SERVICES_SOURCE),
                () -> CatalogUpdaters.services(catalog, SERVICES_STORE));

        Consumed<byte[], byte[]> raw = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        KStream<String, Ingress> probes = builder.stream(topics.probeResults().name(), raw.withName(PROBES_SOURCE))
                .process(() -> new ProbeValidator(topics.probeResults().valueSerde().deserializer()), Named.as(VALIDATE_PROBES));
        builder.addStateStore(countedPosts(settings));
        KStream<String, Ingress> social = builder.stream(topics.socialSignals().name(), raw.withName(SOCIAL_SOURCE))
                .process(() -> new SocialValidator(topics.socialSignals().valueSerde().deserializer()), Named.as(VALIDATE_SOCIAL),
                        SOCIAL_POSTS_STORE);
        KStream<String, Ingress> status = builder.stream(topics.statusEvents().name(), raw.withName(STATUS_SOURCE))
                .process(() -> new StatusValidator(topics.statusEvents().valueSerde().deserializer()), Named.as(VALIDATE_STATUS));

        Map<String, KStream<String, Ingress>> routes = probes
                .merge(social, Named.as("merge-validated-social"))
                .merge(status, Named.as("merge-validated-status"))
                .process(() -> new ProgressMarks(settings.graceMillis()), Named.as(PROGRESS_MARKS))
                .split(Named.as("route-"))
                .branch((k, v) -> v.is(Ingress.Route.HEALTH_DIRECT), Branched.as("health-direct"))
                .branch((k, v) -> v.is(Ingress.Route.HEALTH_REPARTITION), Branched.as("health-by-service"))
                .branch((k, v) -> v.is(Ingress.Route.PROVIDER), Branched.as("correlation"))
                .defaultBranch(Branched.as("dead-letter"));

        routes.get("route-dead-letter")
                .mapValues(v -> (DeadLetter) v.value(), Named.as("dead-letter-records"))
                .to(topics.deadLetters().name(), Produced.with(keys, topics.deadLetters().valueSerde()).withName(DEAD_LETTERS_SINK));

        KStream<String, ServiceObservation> direct = routes.get("route-health-direct")
                .mapValues(v -> (ServiceObservation) v.value(), Named.as("direct-observations"));
        KStream<String, ServiceObservation> byService = routes.get("route-health-by-service")
                .mapValues(v -> (ServiceObservation) v.value(), Named.as("rekeyed-observations"))
                .repartition(Repartitioned.with(keys, ServiceObservation.SERDE).withName(SERVICE_OBSERVATIONS)
                        .withStreamPartitioner(BlastRadiusTopology::byServiceProgressToAll));

        builder.addStateStore(changelogged(HEALTH_BUCKETS_STORE, HealthStageState.BUCKET));
        builder.addStateStore(changelogged(HEALTH_TRACKERS_STORE, HealthStageState.TRACKER));
        builder.addStateStore(changelogged(COMPLAINT_PROFILES_STORE, HealthStageState.PROFILE));
        builder.addStateStore(changelogged(HEALTH_CLOCK_STORE, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERVICE_HEALTH_STORE), keys,
                topics.serviceHealth().valueSerde()).withCachingEnabled());
        KStream<String, HealthOut> health = direct
                .merge(byService, Named.as("merge-observations"))
                .process(() -> new ServiceHealthProcessor(settings), Named.as(HEALTH), HEALTH_BUCKETS_STORE,
                        HEALTH_TRACKERS_STORE, COMPLAINT_PROFILES_STORE, HEALTH_CLOCK_STORE, SERVICE_HEALTH_STORE);

        health.filter((k, v) -> !v.isTick(), Named.as("service-health-judgements"))
                .mapValues(HealthOut::health, Named.as(SERVICE_HEALTH_RECORDS))
                .to(topics.serviceHealth().name(), Produced.with(keys, topics.serviceHealth().valueSerde())
                        .withName(SERVICE_HEALTH_SINK));

        KStream<String, CorrelationInput> fannedOut = health.process(() -> new CorrelationFanOut(catalog), Named.as(FAN_OUT));
        KStream<String, CorrelationInput> providerInputs = routes.get("route-correlation")
                .mapValues(v -> (CorrelationInput) v.value(), Named.as("provider-observations"));

        builder.addStateStore(changelogged(CORRELATION_STATE_STORE, CorrelationStateSerde.serde()));
        builder.addStateStore(changelogged(PROVIDER_COMPLAINTS_STORE, Serdes.Double()));
        builder.addStateStore(changelogged(ALIGNMENT_STORE, CorrelationProcessor.LANE));
        builder.addStateStore(changelogged(ALIGNMENT_WAITING_STORE, CorrelationInput.SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OUTAGES_STORE), keys,
                topics.outages().valueSerde()).withCachingEnabled());
        Map<String, KStream<String, SpecificRecord>> outputs = fannedOut
                .merge(providerInputs, Named.as("merge-correlation-inputs"))
                // one partition: the correlation stage decides for every provider at once
                .repartition(Repartitioned.with(keys, CorrelationInput.SERDE).withName(CORRELATION_INPUT)
                        .withNumberOfPartitions(1))
                .process(() -> new CorrelationProcessor(catalog, settings), Named.as(CORRELATION),
                        CORRELATION_STATE_STORE, PROVIDER_COMPLAINTS_STORE, ALIGNMENT_STORE, ALIGNMENT_WAITING_STORE, OUTAGES_STORE)
                .split(Named.as("correlation-"))
                .branch((k, v) -> v instanceof Outage, Branched.as("outages"))
                .defaultBranch(Branched.as("alerts"));
        outputs.get("correlation-outages")
                .mapValues(v -> (Outage) v, Named.as("outage-records"))
                .to(topics.outages().name(), Produced.with(keys, topics.outages().valueSerde()).withName(OUTAGES_SINK));
        outputs.get("correlation-alerts")
                .mapValues(v -> (OutageAlert) v, Named.as("outage-alert-records"))
                .to(topics.outageAlerts().name(), Produced.with(keys, topics.outageAlerts().valueSerde()).withName(ALERTS_SINK));
        return builder.build();
    }

    /** Observations go to their service's partition (the default), a task's progress to every partition. */
    private static Optional<Set<Integer>> byServiceProgressToAll(String topic, String key, ServiceObservation value,
            int partitions) {
        if (!(value instanceof ServiceObservation.Progress)) {
            return Optional.empty();
        }
        Set<Integer> all = new HashSet<>();
        for (int p = 0; p < partitions; p++) {
            all.add(p);
        }
        return Optional.of(all);
    }

    /**
     * The working state of the stages: in-memory (it is small and rewritten constantly), restored
     * from its changelog, behind the record cache so repeated writes within a commit interval
     * reach the changelog once.
     */
    /**
     * The complaint posts a deletion can still withdraw: those of the minutes the health stage keeps
     * (plus its grace), in memory like the other working state, restored from a changelog.
     */
    private static StoreBuilder<WindowStore<String, SocialValidator.Counted>> countedPosts(DetectionSettings settings) {
        Duration kept = Duration.ofMinutes(settings.retainMinutes() + 1).plusMillis(settings.graceMillis());
        return Stores.windowStoreBuilder(Stores.inMemoryWindowStore(SOCIAL_POSTS_STORE, kept, Duration.ofMillis(1), false),
                        Serdes.String(), SocialValidator.Counted.SERDE)
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> changelogged(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
    }
}
