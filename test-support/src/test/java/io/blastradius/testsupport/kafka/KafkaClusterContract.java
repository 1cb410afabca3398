package io.blastradius.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.topic.TopicNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What every test cluster must do, whichever broker backs it. Extended by
 * {@link EmbeddedKafkaClusterIT} (in-JVM broker) and {@link ContainerKafkaClusterIT} (Docker).
 */
abstract class KafkaClusterContract {

    @Test
    void namesAreUniqueToTheTestAndSayWhichTestMadeThem(KafkaTestContext kafka) {
        assertThat(kafka.name("input")).startsWith("input-").contains("namesareuniquetothetest");
        assertThat(kafka.applicationId()).isNotEqualTo(kafka.name("input"));
        assertThat(kafka.topicNames().probeResults()).startsWith(kafka.testId() + ".");
    }

    @Test
    void recordsProducedToATopicAreConsumedInOrder(KafkaTestContext kafka) {
        String topic = kafka.createTopic("ordered", 1);
        List<ProducerRecord<String, String>> records = List.of(
                new ProducerRecord<>(topic, "k", "first"),
                new ProducerRecord<>(topic, "k", "second"),
                new ProducerRecord<>(topic, "k", "third"));

        kafka.produce(new StringSerializer(), new StringSerializer(), records);

        assertThat(kafka.consume(topic, new StringDeserializer(), new StringDeserializer(), 3))
                .extracting(ConsumerRecord::value).containsExactly("first", "second", "third");
    }

    @Test
    void everyTopicOfTheDesignIsCreatedWithItsRetentionPolicy(KafkaTestContext kafka) throws Exception {
        TopicNames names = kafka.topicNames();

        kafka.createTopics(names, 2);

        assertThat(kafka.admin().listTopics().names().get()).containsAll(names.all());
        ConfigResource probes = new ConfigResource(ConfigResource.Type.TOPIC, names.probeResults());
        assertThat(kafka.admin().describeConfigs(List.of(probes)).all().get().get(probes).get("retention.ms").value())
                .isEqualTo("-1");
    }

    @Test
    void aReadCommittedConsumerSeesCommittedTransactionsButNotAbortedOnes(KafkaTestContext kafka) {
        String topic = kafka.createTopic("transactions", 1);
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.name("tx"));
        KafkaProducer<String, String> producer =
                kafka.track(new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "k", "aborted"));
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "k", "committed"));
        producer.commitTransaction();

        assertThat(kafka.consume(topic, new StringDeserializer(), new StringDeserializer(), 1))
                .extracting(ConsumerRecord::value).containsExactly("committed");
    }
}
