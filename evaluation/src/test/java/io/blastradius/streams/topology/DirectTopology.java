package io.blastradius.streams.topology;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A developer's tool (test sources of the evaluation module, in the topology's package to reach its
 * processors): the topology's own processors, chained in plain Java the way
 * {@link BlastRadiusTopology} wires them on one partition, without Kafka's per-record plumbing
 * (commits, cache flushes, changelogs, internal topics). Decides exactly what the topology decides
 * on one partition, tens of times faster than the {@code TopologyTestDriver}, so whole scenarios can
 * be run while tuning. Numbers to report come from the real pipeline.
 */
public final class DirectTopology {
    /** Where the outputs go. */
    public interface Outputs {
        void health(ServiceHealth health);

        void outage(Outage outage);

        void alert(OutageAlert alert);

        void deadLetter(DeadLetter letter);
    }

    private final Topics topics;
    private final CatalogView catalog = new CatalogView();
    private final Stage<byte[], byte[], String, Ingress> probes;
    private final Stage<byte[], byte[], String, Ingress> social;
    private final Stage<byte[], byte[], String, Ingress> status;
    private final Stage<String, Ingress, String, Ingress> marks;
    private final Stage<String, ServiceObservation, String, HealthOut> health;
    private final Stage<String, HealthOut, String, CorrelationInput> fanOut;
    private final Stage<String, CorrelationInput, String, Object> correlation;
    private long offset;
    /** Observations sent through the by-service repartition and not yet delivered, when it lags. */
    private final ArrayDeque<Record<String, ServiceObservation>> inTransit = new ArrayDeque<>();
    private int deliverEvery;

    public DirectTopology(Topics topics, DetectionSettings settings, Outputs outputs) {
        this.topics = topics;
        correlation = new Stage<>(new CorrelationProcessor(catalog, settings), r -> {
            if (r.value() instanceof Outage o) {
                outputs.outage(o);
            } else {
                outputs.alert((OutageAlert) r.value());
            }
        }, store(TopologyNames.CORRELATION_STATE_STORE, CorrelationStateSerde.serde()),
                store(TopologyNames.PROVIDER_COMPLAINTS_STORE, Serdes.Double()),
                store(TopologyNames.ALIGNMENT_STORE, CorrelationProcessor.LANE),
                store(TopologyNames.ALIGNMENT_WAITING_STORE, CorrelationInput.SERDE),
                store(TopologyNames.OUTAGES_STORE, storeSerde(Outage.class)));
        fanOut = new Stage<>(new CorrelationFanOut(catalog), r -> correlation.process(r));
        health = new Stage<>(new ServiceHealthProcessor(settings), r -> {
            if (!r.value().isTick()) {
                outputs.health(r.value().health());
            }
            fanOut.process(r);
        }, store(TopologyNames.HEALTH_BUCKETS_STORE, HealthStageState.BUCKET),
                store(TopologyNames.HEALTH_TRACKERS_STORE, HealthStageState.TRACKER),
                store(TopologyNames.COMPLAINT_PROFILES_STORE, HealthStageState.PROFILE),
                store(TopologyNames.HEALTH_CLOCK_STORE, Serdes.Long()),
                store(TopologyNames.SERVICE_HEALTH_STORE, storeSerde(ServiceHealth.class)));
        Consumer<Record<String, Ingress>> route = r -> {
            Ingress in = r.value();
            switch (in.route()) {
                case HEALTH_DIRECT -> health.process(r.withValue((ServiceObservation) in.value()));
                case HEALTH_REPARTITION -> {
                    if (deliverEvery > 0) {
                        inTransit.add(r.withValue((ServiceObservation) in.value()));
                    } else {
                        health.process(r.withValue((ServiceObservation) in.value()));
                    }
                }
                case PROVIDER -> correlation.process(r.withValue((CorrelationInput) in.value()));
                case DEAD_LETTER -> outputs.deadLetter((DeadLetter) in.value());
            }
        };
        marks = new Stage<>(new ProgressMarks(settings.graceMillis()), route);
        Consumer<Record<String, Ingress>> validated = marks::process;
        probes = new Stage<>(new ProbeValidator(topics.probeResults().valueSerde().deserializer()), validated);
        Duration kept = Duration.ofMinutes(settings.retainMinutes() + 1).plusMillis(settings.graceMillis());
        social = new Stage<>(new SocialValidator(topics.socialSignals().valueSerde().deserializer()), validated,
                Stores.windowStoreBuilder(Stores.inMemoryWindowStore(TopologyNames.SOCIAL_POSTS_STORE, kept, Duration.ofMillis(1),
                        false), Serdes.String(), SocialValidator.Counted.SERDE).withLoggingDisabled().withCachingDisabled().build());
        status = new Stage<>(new StatusValidator(topics.statusEvents().valueSerde().deserializer()), validated);
    }

    /**
     * Makes the by-service repartition lag as it does on a broker: what goes through it reaches the
     * health stage only after every {@code records} input records (as at a commit, with exactly-once),
     * behind the task's own probes of the meantime. Zero (the default) delivers at once.
     */
    public DirectTopology lagRepartition(int records) {
        deliverEvery = records;
        return this;
    }

    /** Delivers whatever is still in the lagging repartition (the end of the input). */
    public void flush() {
        while (!inTransit.isEmpty()) {
            health.process(inTransit.poll());
        }
    }

    public void service(ServiceInfo s) {
        catalog.putService(s);
    }

    public void dependency(ServiceDependency d) {
        catalog.putEdge(d);
    }

    /** A raw record on the probe-results topic. */
    public void probe(byte[] key, byte[] value, long timestamp) {
        input(probes, topics.probeResults().name(), key, value, timestamp);
    }

    public void social(byte[] key, byte[] value, long timestamp) {
        input(social, topics.socialSignals().name(), key, value, timestamp);
    }

    public void status(byte[] key, byte[] value, long timestamp) {
        input(status, topics.statusEvents().name(), key, value, timestamp);
    }

    private void input(Stage<byte[], byte[], String, Ingress> stage, String topic, byte[] key, byte[] value, long timestamp) {
        stage.context.setRecordMetadata(topic, 0, offset++);
        stage.process(new Record<>(key, value, timestamp));
        if (deliverEvery > 0 && offset % deliverEvery == 0) {
            flush();
        }
    }

    /**
     * An Avro serde of its own for a store: every store here writes under the same subject (the mock
     * context's "changelog" topic), so each needs a registry of its own.
     */
    private static <T extends SpecificRecord> Serde<T> storeSerde(Class<T> type) {
        String scope = "direct-" + type.getSimpleName() + "-" + UUID.randomUUID();
        return new AvroSerdes(Map.of("schema.registry.url", "mock://" + scope)).value(type);
    }

    private static <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().withCachingDisabled().build();
    }

    /** One processor with its stores, forwarding straight to the next stage. */
    private static final class Stage<KIn, VIn, KOut, VOut> {
        final Forwarding<KOut, VOut> context;
        final Processor<KIn, VIn, KOut, VOut> processor;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Stage(Processor<KIn, VIn, ? extends KOut, ? extends VOut> processor, Consumer<Record<KOut, VOut>> next,
                StateStore... stores) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "direct");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
            this.context = new Forwarding<>(props, next);
            // the wall clock stands still, as on the TopologyTestDriver: it decides only when to stop waiting for idle tasks
            context.setCurrentSystemTimeMs(0);
            this.processor = (Processor) processor;
            for (StateStore s : stores) {
                s.init(context.getStateStoreContext(), s);
                context.addStateStore(s);
            }
            this.processor.init(context);
        }

        void process(Record<KIn, VIn> record) {
            processor.process(record);
        }
    }

    private static final class Forwarding<K, V> extends MockProcessorContext<K, V> {
        private final Consumer<Record<K, V>> next;

        Forwarding(Properties props, Consumer<Record<K, V>> next) {
            super(props);
            this.next = next;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K1 extends K, V1 extends V> void forward(Record<K1, V1> record) {
            next.accept((Record<K, V>) record);
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(Record<K1, V1> record, String childName) {
            forward(record);
        }
    }
}
