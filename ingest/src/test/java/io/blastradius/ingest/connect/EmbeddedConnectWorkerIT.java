package io.blastradius.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runtime in a real Connect worker, on the in-JVM broker and the real registry. */
class EmbeddedConnectWorkerIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dataDir;

    private Map<String, String> connectorConfig(TopicNames names, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("connector.class", CountingStatusConnector.class.getName());
        config.put("tasks.max", "1");
        config.put(IngestSourceConfig.TOPIC, names.statusEvents());
        config.put(IngestSourceConfig.DEAD_LETTER_TOPIC, names.deadLetters());
        return config;
    }

    private EmbeddedConnectWorker worker(KafkaTestContext kafka) {
        return EmbeddedConnectWorker.start(kafka.bootstrapServers(), REGISTRY.url(), dataDir, Map.of());
    }

    @Test
    void aConnectorOnTheRuntimeWritesAvroRecordsAndDeadLettersThroughARealWorker(KafkaTestContext kafka) throws Exception {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        String connector = kafka.name("counting");

        try (EmbeddedConnectWorker worker = worker(kafka)) {
            assertThat(worker.restUrl().getHost()).isEqualTo("127.0.0.1");
            worker.startConnectorAndAwaitTasks(connector, connectorConfig(names,
                    Map.of(CountingStatusConnector.COUNT, "5", CountingStatusConnector.BAD_POSITIONS, "2")), 1,
                    Duration.ofSeconds(60));

            List<ConsumerRecord<String, StatusEvent>> events = kafka.consume(names.statusEvents(), new StringDeserializer(),
                    REGISTRY.valueDeserializer(StatusEvent.class), 4);
            List<ConsumerRecord<String, DeadLetter>> letters = kafka.consume(names.deadLetters(), new StringDeserializer(),
                    REGISTRY.valueDeserializer(DeadLetter.class), 1);

            assertThat(events).extracting(ConsumerRecord::value).containsExactly(CountingStatusConnector.event(0),
                    CountingStatusConnector.event(1), CountingStatusConnector.event(3), CountingStatusConnector.event(4));
            assertThat(events.get(0).key()).isEqualTo("aws/us-east-1/dynamodb");
            assertThat(events.get(0).timestamp()).isEqualTo(CountingStatusConnector.event(0).getEventTime().toEpochMilli());
            DeadLetter letter = letters.get(0).value();
            assertThat(letters.get(0).key()).isEqualTo("counting:2");
            assertThat(letter.getStage()).isEqualTo("ingest/" + connector);
            assertThat(letter.getErrorMessage()).isEqualTo("unexpected end of JSON at position 2");
            assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("{\"truncated\": 2");

            // The task's metrics, as an operator sees them over JMX.
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Set<ObjectName> beans = jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + connector
                        + ",*"), null);
                assertThat(beans).isNotEmpty();
                ObjectName task = beans.stream().filter(n -> n.getKeyProperty("task") != null).findFirst().orElseThrow();
                assertThat(jmx.getAttribute(task, "records-written-total")).isEqualTo(4L);
                assertThat(jmx.getAttribute(task, "payloads-skipped-total")).isEqualTo(1L);
                assertThat((Long) jmx.getAttribute(task, "last-success-timestamp-ms")).isPositive();
            });
        }
    }

    @Test
    void aRestartedWorkerResumesFromTheCommittedOffsetsWithoutDuplicates(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        String connector = kafka.name("counting");
        Map<String, String> config = connectorConfig(names,
                Map.of(CountingStatusConnector.COUNT, "40", CountingStatusConnector.INTERVAL_MS, "50"));

        try (EmbeddedConnectWorker worker = worker(kafka)) {
            worker.startConnectorAndAwaitTasks(connector, config, 1, Duration.ofSeconds(60));
            kafka.consume(names.statusEvents(), new StringDeserializer(), REGISTRY.valueDeserializer(StatusEvent.class), 10);
        }
        try (EmbeddedConnectWorker restarted = worker(kafka)) {
            restarted.startConnectorAndAwaitTasks(connector, config, 1, Duration.ofSeconds(60));

            List<ConsumerRecord<String, StatusEvent>> all = kafka.consume(names.statusEvents(), new StringDeserializer(),
                    REGISTRY.valueDeserializer(StatusEvent.class), 40);

            assertThat(all).extracting(r -> r.value().getEventId())
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 40).mapToObj(i -> "e" + i).toList());
        }
    }

    @Test
    void aConnectorThatCannotStartIsReportedWithItsCause(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        try (EmbeddedConnectWorker worker = worker(kafka)) {
            assertThatThrownBy(() -> worker.startConnectorAndAwaitTasks(kafka.name("broken"),
                    connectorConfig(names, Map.of(CountingStatusConnector.COUNT, "-1")), 1, Duration.ofSeconds(30)))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("count");
        }
    }
}
