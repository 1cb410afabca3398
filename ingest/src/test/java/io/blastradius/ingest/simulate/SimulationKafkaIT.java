package io.blastradius.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.catalog.CatalogPublisher;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The simulator publishing to the real topics of a real broker through the real registry. */
class SimulationKafkaIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @Test
    void publishesTheCatalogAndEverySignalKeyedAndTimestampedByEventTime(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 2);
        Topics topics = Topics.create(names, REGISTRY.serdes());
        Plan plan = TinyWorld.plan("3h", SimulatorTest.OUTAGE);
        Recorded recorded = new Recorded();

        int catalog = CatalogPublisher.publish(plan.world(), topics, kafka.producerConfig(), plan.start());
        try (KafkaOutput out = KafkaOutput.create(topics, kafka.producerConfig(), Pacer.asFastAsPossible())) {
            new Simulator(plan).run(SignalOutput.tee(List.of(out, recorded)));
        }

        List<ConsumerRecord<String, ProbeResult>> probes = readAll(kafka, topics.probeResults());
        List<ConsumerRecord<String, SocialSignal>> posts = readAll(kafka, topics.socialSignals());
        List<ConsumerRecord<String, StatusEvent>> status = readAll(kafka, topics.statusEvents());
        assertThat(probes).hasSize(recorded.probes.size());
        assertThat(posts).hasSize(recorded.social.size());
        assertThat(status).hasSize(recorded.status.size());
        assertThat(probes).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getTarget().getService());
            assertThat(r.timestamp()).isEqualTo(r.value().getStartedAt().toEpochMilli());
        });
        assertThat(posts).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getPostId()));
        assertThat(status).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getSubject());
            assertThat(r.timestamp()).isEqualTo(r.value().getEventTime().toEpochMilli());
        });
        assertThat(probes.stream().map(ConsumerRecord::value).toList()).containsExactlyInAnyOrderElementsOf(recorded.probes);

        List<ConsumerRecord<String, ServiceInfo>> services = readAll(kafka, topics.services());
        List<ConsumerRecord<String, ServiceDependency>> edges = readAll(kafka, topics.serviceDependencies());
        assertThat(services).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("infura", "metamask", "shop", "site", "own");
        assertThat(edges).extracting(ConsumerRecord::key).contains("metamask|infura", "aws/us-east-1/ec2|aws/us-east-1/dynamodb");
        assertThat(services.size() + edges.size()).isEqualTo(catalog);
    }

    @Test
    void theConfiguredRunWritesTruthAndPublishesToPrefixedTopics(KafkaTestContext kafka, @TempDir Path dir) throws Exception {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        Path scenario = dir.resolve("short.yaml");
        Files.writeString(scenario, """
                name: short
                start: 2025-11-18T11:00:00Z
                end: 2025-11-18T11:30:00Z
                incidents:
                  - {type: provider-outage, id: cf, scope: cloudflare/global/cdn, onset: 2025-11-18T11:10:00Z, end: 2025-11-18T11:25:00Z}
                """);
        Map<String, String> config = new HashMap<>();
        config.put(SimulatorConfig.SCENARIO, scenario.toString());
        config.put(SimulatorConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.put(SimulatorConfig.SCHEMA_REGISTRY_URL, REGISTRY.url());
        config.put(SimulatorConfig.TOPIC_PREFIX, names.statusEvents().replace("status-events", ""));
        config.put(SimulatorConfig.TRUTH_FILE, dir.resolve("truth.json").toString());

        SimulationRun.Result result = SimulationRun.run(new SimulatorConfig(config));

        assertThat(dir.resolve("truth.json")).content().contains("\"id\" : \"cf\"");
        Topics topics = Topics.create(names, REGISTRY.serdes());
        assertThat(readAll(kafka, topics.probeResults())).hasSize((int) result.counts().probes());
        assertThat(readAll(kafka, topics.services())).hasSizeGreaterThanOrEqualTo(300);
        assertThat(result.perDay()).isGreaterThan(1_000_000);
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(KafkaTestContext kafka, Topic<String, V> topic) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(kafka.consumerConfig(), new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
