package io.blastradius.alerts.example;

import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The example consumer of the README: the alert topic read with a plain Kafka consumer and the
 * project's Avro deserializer. The code between the README markers is the README's, word for word
 * (a test checks it), so the README's example always compiles and runs.
 */
public final class AlertTopicExample {
    private AlertTopicExample() {
    }

    /** Prints every alert of a local stack ({@code blastradius local}) as it comes. */
    public static void main(String[] args) {
        Map<String, Object> config = Map.of(
                "bootstrap.servers", "127.0.0.1:9092",
                "schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7",
                "group.id", "my-alert-reader",
                "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        read(config, TopicNames.defaults().outageAlerts(), () -> true, alert -> System.out.printf("%s %s %s (%s)%n",
                alert.getAt(), alert.getState(), alert.getOutage().getScope(), alert.getAlertId()));
    }

    /** Reads {@code topic} with {@code config} (Kafka consumer and serde keys), handing each alert on, while {@code running}. */
    public static void read(Map<String, Object> config, String topic, BooleanSupplier running, Consumer<OutageAlert> handle) {
        // README:begin
        try (AvroSerdes serdes = new AvroSerdes(config);
                KafkaConsumer<String, OutageAlert> consumer = new KafkaConsumer<>(config,
                        new StringDeserializer(), serdes.value(OutageAlert.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.getAsBoolean()) {
                for (ConsumerRecord<String, OutageAlert> record : consumer.poll(Duration.ofMillis(500))) {
                    handle.accept(record.value()); // key = outage id; one outage's alerts come in order
                }
                consumer.commitSync();
            }
        }
        // README:end
    }
}
