package io.blastradius.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void listensAndAdvertisesOnLoopbackOnly() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir));
                Admin admin = admin(broker)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            Collection<Node> nodes = admin.describeCluster().nodes().get();
            assertThat(nodes).singleElement().satisfies(node -> {
                assertThat(node.host()).isEqualTo("127.0.0.1");
                assertThat(node.port()).isEqualTo(broker.port());
            });
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(broker.clusterId());
        }
    }

    @Test
    void restartOnTheSameDirectoryKeepsClusterIdTopicsAndRecords() throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir))) {
            clusterId = broker.clusterId();
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", Optional.of(2), Optional.empty()))).all().get();
            }
            produce(broker, "kept", List.of("a", "b", "c"), false);
        }

        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir))) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            try (Admin admin = admin(again)) {
                assertThat(admin.listTopics().names().get()).contains("kept");
                assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").partitions())
                        .hasSize(2);
            }
            assertThat(consume(again, "kept", 3, false)).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void aSecondBrokerOnTheSameDirectoryIsRefusedAndTheFirstKeepsRunning() throws Exception {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");

            try (Admin admin = admin(first)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(first.clusterId());
            }
        }
        // once the first is closed the directory is free again
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir))) {
            assertThat(again.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void aFixedPortThatIsTakenIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BrokerSettings settings = BrokerSettings.inDirectory(dataDir).withPorts(taken.getLocalPort(), 0);

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void committedTransactionsAreVisibleToReadCommittedConsumers() throws Exception {
        // exactly_once_v2 needs the transaction state topic, which needs replication factor 1 on one node
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir))) {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("tx", 1, (short) 1))).all().get();
            }
            produce(broker, "tx", List.of("one", "two"), true);
            assertThat(consume(broker, "tx", 2, true)).containsExactly("one", "two");
        }
    }

    @Test
    void doesNotCreateTopicsOnFirstUse() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir));
                Admin admin = admin(broker)) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker, false))) {
                consumer.subscribe(List.of("never-created"));
                consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, List<String> values, boolean transactional)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        if (transactional) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v, v)).get();
            }
            if (transactional) {
                producer.commitTransaction();
            }
        }
    }

    private static Properties consumerProps(EmbeddedKafkaBroker broker, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return p;
    }

    private static List<String> consume(EmbeddedKafkaBroker broker, String topic, int count, boolean readCommitted) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker, readCommitted))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
