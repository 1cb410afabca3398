package io.blastradius.alerts.subscriber;

import io.blastradius.alerts.delivery.DeadLetterSink;
import io.blastradius.schemas.AlertDeadLetter;
import io.blastradius.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters to the alert dead-letter topic, keyed by outage id, and waits for the broker's
 * acknowledgement; while the broker fails it keeps trying (every few seconds): a dead letter that
 * is not written must not let the alert's offset be committed.
 */
final class KafkaDeadLetterSink implements DeadLetterSink {
    private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetterSink.class);
    private static final long RETRY_MS = 2_000;

    private final Topic<String, AlertDeadLetter> topic;
    private final Serializer<AlertDeadLetter> serializer;
    private final Producer<byte[], byte[]> producer;

    KafkaDeadLetterSink(Topic<String, AlertDeadLetter> topic, Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.serializer = topic.valueSerde().serializer();
        this.producer = producer;
    }

    @Override
    public void write(AlertDeadLetter letter) throws InterruptedException {
        while (true) {
            try {
                // serialized here, inside the loop: an unreachable registry is retried like an unreachable broker
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), null,
                        letter.getFailedAt().toEpochMilli(),
                        letter.getAlert().getOutageId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(topic.name(), letter));
                producer.send(record).get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                log.error("cannot write the dead letter of {} for {} yet; trying again", letter.getAlert().getAlertId(),
                        letter.getDestination(), e);
                Thread.sleep(RETRY_MS);
            }
        }
    }
}
