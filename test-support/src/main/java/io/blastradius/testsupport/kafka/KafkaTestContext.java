package io.blastradius.testsupport.kafka;

import io.blastradius.embedded.topic.TopicProvisioner;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.TopicNames.TopicDefinition;
import io.blastradius.testsupport.TempDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one test gets from {@link KafkaExtension}: the cluster's address, names no other test uses,
 * client configs, and produce/consume helpers. Every client made here (and the Streams state
 * directory) is closed or deleted after the test, even when it fails.
 *
 * <pre>{@code
 * @Test
 * void echoesRecords(KafkaTestContext kafka) {
 *     String topic = kafka.createTopic("input", 1);
 *     kafka.produce(new StringSerializer(), new StringSerializer(), List.of(new ProducerRecord<>(topic, "k", "v")));
 *     assertThat(kafka.consume(topic, new StringDeserializer(), new StringDeserializer(), 1)).hasSize(1);
 * }
 * }</pre>
 */
public final class KafkaTestContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaTestContext.class);
    /** How long helpers wait for the cluster before failing the test. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String testId;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Admin admin;
    private Path stateDir;

    KafkaTestContext(String bootstrapServers, String testId) {
        this.bootstrapServers = bootstrapServers;
        this.testId = testId;
    }

    /**
     * A context on a cluster the test runs itself (a whole local stack, say) rather than one from
     * {@link KafkaExtension}. The caller closes it.
     */
    public static KafkaTestContext on(String bootstrapServers, String testId) {
        return new KafkaTestContext(bootstrapServers, testId);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The id of this test ({@code <class>-<method>-<n>}) that every name here derives from. */
    public String testId() {
        return testId;
    }

    /** {@code <base>-<test id>}: a topic, group or subject name no other test uses. */
    public String name(String base) {
        return base + "-" + testId;
    }

    /** A Kafka Streams application id of this test only. */
    public String applicationId() {
        return name("app");
    }

    /** Every topic of the design under a prefix of this test only. */
    public TopicNames topicNames() {
        return TopicNames.withPrefix(testId + ".");
    }

    /** Creates {@code name(base)} with the given partitions and returns its name. */
    public String createTopic(String base, int partitions) {
        String topic = name(base);
        provision(List.of(new TopicDefinition(topic, partitions, Map.of())));
        return topic;
    }

    /** Creates every topic of {@code names} with the design's partitions and policies. */
    public void createTopics(TopicNames names, int partitions) {
        provision(names.definitions(partitions));
    }

    /** Creates the given topics exactly as defined (idempotent). */
    public void provision(List<TopicDefinition> definitions) {
        new TopicProvisioner(admin(), DEFAULT_TIMEOUT).ensure(definitions);
    }

    /** An admin client shared by this test. */
    public Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig());
            resources.push(() -> admin.close(Duration.ofSeconds(10)));
        }
        return admin;
    }

    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        return config;
    }

    /** Producer settings: idempotent, acks=all, blocking at most the default timeout. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }

    /** Consumer settings: a group of this test only, from the earliest offset, committed records only. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, name("group"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /**
     * Kafka Streams settings (as plain keys, so this module needs no Streams dependency): this
     * test's application id, a state directory deleted after the test, fast commits and no record
     * cache, so results show up promptly.
     */
    public Map<String, Object> streamsConfig() {
        if (stateDir == null) {
            stateDir = TempDirectories.create("blastradius-streams-");
            Path dir = stateDir;
            resources.addLast(() -> TempDirectories.delete(dir)); // after the clients that use it
        }
        Map<String, Object> config = new HashMap<>();
        config.put("application.id", applicationId());
        config.put("bootstrap.servers", bootstrapServers);
        config.put("state.dir", stateDir.toString());
        config.put("commit.interval.ms", 100);
        config.put("statestore.cache.max.bytes", 0);
        config.put("consumer.auto.offset.reset", "earliest");
        return config;
    }

    /** A producer closed after the test. */
    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        return track(new KafkaProducer<>(producerConfig(), keys, values));
    }

    /** A consumer (of this test's group) closed after the test. */
    public <K, V> KafkaConsumer<K, V> consumer(Deserializer<K> keys, Deserializer<V> values) {
        return track(new KafkaConsumer<>(consumerConfig(), keys, values));
    }

    /** Registers anything else to close after the test (a Streams instance, a server), last in first out. */
    public <T extends AutoCloseable> T track(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Sends {@code records} and waits until every one is acknowledged; the producer is closed before returning. */
    public <K, V> List<RecordMetadata> produce(Serializer<K> keys, Serializer<V> values, List<ProducerRecord<K, V>> records) {
        List<RecordMetadata> acks = new ArrayList<>();
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerConfig(), keys, values)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<K, V> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> f : sent) {
                acks.add(f.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (ExecutionException e) {
            throw new AssertionError("producing to " + records.get(0).topic() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("producing to " + records.get(0).topic() + " timed out after " + DEFAULT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while producing", e);
        }
        return acks;
    }

    /** Sends key/value pairs ({@code Map.entry(key, value)}, in order) to a typed topic with its serdes. */
    public <K, V> List<RecordMetadata> produce(Topic<K, V> topic, List<Map.Entry<K, V>> records) {
        List<ProducerRecord<K, V>> list = records.stream()
                .map(e -> new ProducerRecord<>(topic.name(), e.getKey(), e.getValue())).toList();
        return produce(topic.keySerde().serializer(), topic.valueSerde().serializer(), list);
    }

    /**
     * Reads {@code topic} from the beginning until at least {@code count} records arrived, and returns
     * every record read. Fails the test, naming what did arrive, if fewer come within the default timeout.
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, Deserializer<K> keys, Deserializer<V> values, int count) {
        return consume(topic, keys, values, count, DEFAULT_TIMEOUT);
    }

    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, Deserializer<K> keys, Deserializer<V> values, int count,
            Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        Map<String, Object> config = consumerConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, name("reader") + "-" + System.nanoTime());
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        }
        if (received.size() < count) {
            throw new AssertionError("expected at least " + count + " records on " + topic + " within " + timeout
                    + ", got " + received.size() + ": " + received.stream().map(r -> r.key() + "=" + r.value()).toList());
        }
        return received;
    }

    /** Reads a typed topic with its serdes; see {@link #consume(String, Deserializer, Deserializer, int)}. */
    public <K, V> List<ConsumerRecord<K, V>> consume(Topic<K, V> topic, int count) {
        return consume(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer(), count);
    }

    /** Closes every tracked client, newest first; failures are logged so that all get their turn. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} after test {} failed", resource, testId, e);
            }
        }
        admin = null;
        stateDir = null;
    }
}
