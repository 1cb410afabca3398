package io.blastradius.evaluation.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.signal.SignalCollector;
import io.blastradius.evaluation.signal.SignalSeries;
import io.blastradius.evaluation.signal.SignalWindow;
import io.blastradius.evaluation.testing.OutageRecords;
import io.blastradius.evaluation.testing.Signals;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaOutputsIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static final Instant T = Instant.parse("2025-10-20T07:00:00Z");

    @Test
    void readsEveryVersionAndReportsARecordThatDoesNotDecodeWithItsCoordinates(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        Topics topics = Topics.create(names, REGISTRY.serdes());
        Outage first = OutageRecords.version("o1", ScopeId.parse("aws/us-east-1"), T, T, OutageState.SUSPECTED,
                List.of("coinbase"), List.of());
        Outage second = OutageRecords.version("o1", ScopeId.parse("aws/us-east-1"), T, T.plusSeconds(60),
                OutageState.CONFIRMED, List.of("coinbase", "infura"), List.of());
        kafka.produce(topics.outages(), List.of(Map.entry("o1", first)));
        kafka.produce(new StringSerializer(), new ByteArraySerializer(),
                List.of(new ProducerRecord<>(names.outages(), "o2", "not avro".getBytes(StandardCharsets.UTF_8))));
        kafka.produce(topics.outages(), List.of(Map.entry("o1", second)));
        KafkaOutputs outputs = new KafkaOutputs(new TopicSnapshotReader(kafka.consumerConfig(), Duration.ofSeconds(30)),
                topics);

        PipelineOutput output = outputs.readOutput();

        assertThat(output.outageVersions()).extracting(Outage::getState)
                .containsExactly(OutageState.SUSPECTED, OutageState.CONFIRMED);
        assertThat(output.detections().get(0).firstListed()).containsOnlyKeys("coinbase", "infura");
        assertThat(outputs.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.topic()).isEqualTo(names.outages());
            assertThat(u.offset()).isEqualTo(1);
        });
    }

    @Test
    void replaysOnlyTheSignalsInsideTheWindowsAskedFor(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        Topics topics = Topics.create(names, REGISTRY.serdes());
        kafka.produce(new StringSerializer(), topics.probeResults().valueSerde().serializer(), List.of(
                new ProducerRecord<>(names.probeResults(), null, T.toEpochMilli(), "coinbase",
                        Signals.probe("coinbase", T, false, null)),
                new ProducerRecord<>(names.probeResults(), null, T.plusSeconds(7200).toEpochMilli(), "coinbase",
                        Signals.probe("coinbase", T.plusSeconds(7200), false, null))));
        SignalCollector collector = new SignalCollector();
        SignalSeries series = collector.add("k", new SignalWindow(T.minusSeconds(600), T.plusSeconds(600),
                Duration.ofMinutes(5), ScopeId.parse("aws/us-east-1"), Set.of("coinbase")));

        new KafkaOutputs(new TopicSnapshotReader(kafka.consumerConfig(), Duration.ofSeconds(30)), topics)
                .replaySignals(collector);

        assertThat(series.probes()).containsExactly(0, 0, 1, 0);
    }
}
