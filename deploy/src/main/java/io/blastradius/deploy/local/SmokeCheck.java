package io.blastradius.deploy.local;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Proves a running stack works end to end without touching its data: every topic of the design is
 * there, and an Avro record makes the round trip producer → broker → consumer through the registry,
 * on a scratch topic and subject that are deleted afterwards.
 */
final class SmokeCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SmokeCheck() {
    }

    /** Runs the check; returns a one-line summary, or throws saying what failed. */
    static String run(StackContext context) throws Exception {
        TopicNames names = context.topicNames();
        String scratch = names.statusEvents().replace("status-events", "smoke-" + System.currentTimeMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers()));
                AvroSerdes serdes = new AvroSerdes(context.serdeConfig())) {
            Set<String> missing = new HashSet<>(names.all());
            missing.removeAll(get(admin.listTopics().names()));
            if (!missing.isEmpty()) {
                throw new IllegalStateException("topics missing: " + missing);
            }
            get(admin.createTopics(List.of(new NewTopic(scratch, 1, (short) 1))).all());
            try {
                StatusEvent sent = sample();
                Serde<StatusEvent> serde = serdes.value(StatusEvent.class);
                roundTrip(context.bootstrapServers(), scratch, serde, sent);
                int id = serdes.client().getId(scratch + "-value", StatusEvent.getClassSchema());
                return "smoke check passed: " + names.all().size() + " topics present; an Avro record made the round trip "
                        + "through the broker and the registry (schema id " + id + ")";
            } finally {
                get(admin.deleteTopics(List.of(scratch)).all());
                deleteSubject(serdes, scratch + "-value");
            }
        }
    }

    private static void roundTrip(String bootstrap, String topic, Serde<StatusEvent> serde, StatusEvent sent)
            throws Exception {
        try (KafkaProducer<String, StatusEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        (int) TIMEOUT.toMillis()),
                new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, sent.getSubject(), sent)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        try (KafkaConsumer<String, StatusEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), serde.deserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, StatusEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!sent.equals(record.value())) {
                        throw new IllegalStateException("read back " + record.value() + ", wrote " + sent);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("the smoke record did not come back within " + TIMEOUT);
    }

    private static StatusEvent sample() {
        Instant now = Instant.now();
        return StatusEvent.newBuilder()
                .setEventId("smoke-" + now.toEpochMilli())
                .setSource("smoke")
                .setSubjectType(SubjectType.SERVICE)
                .setSubject("blastradius")
                .setStatus(ComponentStatus.OPERATIONAL)
                .setEventTime(now)
                .setIngestTime(now)
                .build();
    }

    private static void deleteSubject(AvroSerdes serdes, String subject) {
        serdes.client().deleteSubject(subject, false);
        serdes.client().deleteSubject(subject, true);
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
