package io.blastradius.ingest.simulate;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.schemas.topic.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes simulated signals to the real topics, serialized by the topics' serdes (Confluent
 * framing through the schema registry), keyed as {@code docs/DEVELOPING.md} says (status events by
 * subject, posts by post id, probe results by service id) and timestamped with their event time.
 * One producer carries all three streams so their event-time order survives into the log.
 */
public final class KafkaOutput implements SignalOutput {
    private final Topics topics;
    private final Producer<String, byte[]> producer;
    private final Pacer pacer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;

    public KafkaOutput(Topics topics, Producer<String, byte[]> producer, Pacer pacer) {
        this.topics = topics;
        this.producer = producer;
        this.pacer = pacer;
    }

    /** An output with its own producer, built from {@code producerConfig} (bootstrap servers and client settings). */
    public static KafkaOutput create(Topics topics, Map<String, Object> producerConfig, Pacer pacer) {
        Map<String, Object> c = new HashMap<>(producerConfig);
        c.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        c.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaOutput(topics, new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer()), pacer);
    }

    @Override
    public void status(StatusEvent event) {
        send(topics.statusEvents(), event.getSubject(), event, event.getEventTime());
    }

    @Override
    public void social(SocialSignal signal) {
        send(topics.socialSignals(), signal.getPostId(), signal, signal.getCreatedAt());
    }

    @Override
    public void probe(ProbeResult result) {
        send(topics.probeResults(), result.getTarget().getService(), result, result.getStartedAt());
    }

    /** Records handed to the producer so far. */
    public long sent() {
        return sent;
    }

    private <V> void send(Topic<String, V> topic, String key, V value, Instant eventTime) {
        rethrow();
        pacer.await(eventTime);
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), null, eventTime.toEpochMilli(), key, bytes), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        sent++;
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("publishing simulated signals failed: " + e.getMessage(), e);
        }
    }

    /** Sends what is buffered now and waits until it is acknowledged (live pacing sends bursts this way). */
    public void flush() {
        producer.flush();
        rethrow();
    }

    /** Flushes, closes the producer, and fails if any record could not be published. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        rethrow();
    }
}
