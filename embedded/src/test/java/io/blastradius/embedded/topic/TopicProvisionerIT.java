package io.blastradius.embedded.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.embedded.kafka.BrokerSettings;
import io.blastradius.embedded.kafka.EmbeddedKafkaBroker;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.TopicNames.TopicDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerIT {
    @TempDir
    static Path dataDir;
    static EmbeddedKafkaBroker broker;
    static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsEveryTopicOfTheDesignWithItsPartitionsAndPolicy() throws Exception {
        TopicNames names = TopicNames.withPrefix("design.");
        TopicProvisioner.Result result = new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(names.definitions(3));

        assertThat(result.created()).containsExactlyInAnyOrderElementsOf(names.all());
        assertThat(result.existing()).isEmpty();
        var described = admin.describeTopics(names.all()).allTopicNames().get();
        assertThat(described.get(names.probeResults()).partitions()).hasSize(3);
        assertThat(described.get(names.deadLetters()).partitions()).hasSize(1);
        assertThat(config(names.probeResults()).get("retention.ms").value()).isEqualTo("-1");
        assertThat(config(names.probeResults()).get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(config(names.outages()).get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config(names.serviceDependencies()).get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void everyPartitionTakesWritesTheMomentEnsureReturns() throws Exception {
        TopicNames names = TopicNames.withPrefix("at-once.");
        new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(names.definitions(6));

        // no retries: a partition the broker has not opened yet would fail its first write
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (TopicDefinition d : names.definitions(6)) {
                for (int p = 0; p < d.partitions(); p++) {
                    sends.add(producer.send(new ProducerRecord<>(d.name(), p, new byte[] {2}, new byte[] {1})));
                }
            }
            for (Future<RecordMetadata> send : sends) {
                assertThat(send.get(30, TimeUnit.SECONDS).offset()).isZero();
            }
        }
    }

    @Test
    void provisioningAgainIsIdempotentAndRestoresKeepForeverRetention() throws Exception {
        TopicNames names = TopicNames.withPrefix("again.");
        // someone created the status topic earlier with the broker's default 7-day retention
        admin.createTopics(List.of(new NewTopic(names.statusEvents(), Optional.of(3), Optional.empty())
                .configs(Map.of("retention.ms", "604800000")))).all().get();
        TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));

        TopicProvisioner.Result first = provisioner.ensure(names.definitions(3));
        TopicProvisioner.Result second = provisioner.ensure(names.definitions(3));

        assertThat(first.existing()).containsExactly(names.statusEvents());
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).containsExactlyInAnyOrderElementsOf(names.all());
        assertThat(config(names.statusEvents()).get("retention.ms").value()).isEqualTo("-1");
    }

    @Test
    void leavesThePartitionCountOfAnExistingTopicAlone() throws Exception {
        TopicDefinition wider = new TopicDefinition("narrow", 4, Map.of("retention.ms", "-1"));
        admin.createTopics(List.of(new NewTopic("narrow", 2, (short) 1))).all().get();

        new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(wider));

        assertThat(admin.describeTopics(List.of("narrow")).allTopicNames().get().get("narrow").partitions()).hasSize(2);
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
