package io.blastradius.ingest.catalog;

import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a world to the compacted catalog topics: {@link ServiceInfo} keyed by service id on
 * {@code Topics.services()}, {@link ServiceDependency} keyed by {@code from|to} on
 * {@code Topics.serviceDependencies()}, record timestamps at {@code updatedAt}. Edges that were in
 * a previously published catalog but are gone now get tombstones, so the compacted topic follows
 * the file.
 */
public final class CatalogPublisher {
    private final Topics topics;
    private final Producer<String, ServiceInfo> services;
    private final Producer<String, ServiceDependency> dependencies;

    /** Over existing producers (tests pass mocks here); the caller closes them. */
    public CatalogPublisher(Topics topics, Producer<String, ServiceInfo> services,
            Producer<String, ServiceDependency> dependencies) {
        this.topics = topics;
        this.services = services;
        this.dependencies = dependencies;
    }

    /**
     * Publishes {@code world} with fresh producers built from {@code producerConfig} (bootstrap
     * servers and any client settings) and the topics' serializers, waits until every record is
     * acknowledged, and closes the producers. Returns how many records were sent.
     */
    public static int publish(World world, Topics topics, Map<String, Object> producerConfig, Instant updatedAt) {
        try (Producer<String, ServiceInfo> s = producer(producerConfig, topics.services().valueSerde().serializer(), topics);
                Producer<String, ServiceDependency> d = producer(producerConfig,
                        topics.serviceDependencies().valueSerde().serializer(), topics)) {
            return new CatalogPublisher(topics, s, d).publish(world, Set.of(), updatedAt);
        }
    }

    private static <V> Producer<String, V> producer(Map<String, Object> config, Serializer<V> values, Topics topics) {
        Map<String, Object> c = new HashMap<>(config);
        c.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        c.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(c, topics.services().keySerde().serializer(), values);
    }

    /**
     * Sends every service and edge, plus a tombstone for each key in {@code previousEdgeKeys} that
     * the world no longer has; blocks until all are acknowledged. Returns how many records were sent.
     */
    public int publish(World world, Set<String> previousEdgeKeys, Instant updatedAt) {
        long ts = updatedAt.toEpochMilli();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ServiceInfo info : CatalogRecords.serviceInfos(world, updatedAt)) {
            sent.add(services.send(new ProducerRecord<>(topics.services().name(), null, ts, info.getService(), info)));
        }
        Set<String> current = new HashSet<>();
        for (DependencyEdge e : world.edges()) {
            current.add(e.key());
            ServiceDependency d = CatalogRecords.dependency(e, updatedAt);
            sent.add(dependencies.send(new ProducerRecord<>(topics.serviceDependencies().name(), null, ts, e.key(), d)));
        }
        for (String gone : new TreeSet<>(previousEdgeKeys)) {
            if (!current.contains(gone)) {
                sent.add(dependencies.send(new ProducerRecord<String, ServiceDependency>(topics.serviceDependencies().name(), null, (Long) ts, gone, null)));
            }
        }
        services.flush();
        dependencies.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the catalog", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing the catalog failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return sent.size();
    }
}
