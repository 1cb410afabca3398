package io.blastradius.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.registry.SubjectNameStrategy;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Avro serde on the real broker and the real registry. */
class AvroSerdeIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    static StatusEvent statusEvent(String id) {
        Instant at = Instant.parse("2025-10-20T07:11:00Z");
        return StatusEvent.newBuilder()
                .setEventId(id)
                .setSource("aws-health")
                .setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1/dynamodb")
                .setProvider("aws")
                .setRegion("us-east-1")
                .setProviderService("dynamodb")
                .setStatus(ComponentStatus.MAJOR_OUTAGE)
                .setTitle("Increased error rates")
                .setEventTime(at)
                .setIngestTime(at.plusSeconds(30))
                .build();
    }

    @Test
    void aStatusEventRoundTripsThroughTheBrokerAndTheRegistry(KafkaTestContext kafka) {
        Topics topics = Topics.create(kafka.topicNames(), REGISTRY.serdes());
        kafka.createTopics(kafka.topicNames(), 1);

        kafka.produce(topics.statusEvents(), List.of(
                Map.entry("aws/us-east-1/dynamodb", statusEvent("e1")),
                Map.entry("aws/us-east-1/dynamodb", statusEvent("e2"))));

        List<ConsumerRecord<String, StatusEvent>> read = kafka.consume(topics.statusEvents(), 2);
        assertThat(read).extracting(ConsumerRecord::value).containsExactly(statusEvent("e1"), statusEvent("e2"));
        assertThat(REGISTRY.serdes().client().getSubjects()).contains(kafka.topicNames().statusEvents() + "-value");
    }

    @Test
    void theWireFormatCarriesTheRegistrysIdForTheSchema(KafkaTestContext kafka) {
        String topic = kafka.createTopic("framed", 1);
        AvroSerdes serdes = REGISTRY.serdes();
        kafka.produce(new StringSerializer(), serdes.value(StatusEvent.class).serializer(),
                List.of(new ProducerRecord<>(topic, "k", statusEvent("framed"))));

        byte[] raw = kafka.consume(topic, new StringDeserializer(), Serdes.ByteArray().deserializer(), 1).get(0).value();

        ByteBuffer header = ByteBuffer.wrap(raw);
        assertThat(header.get()).isZero();
        int id = header.getInt();
        assertThat(serdes.client().getId(topic + "-value", StatusEvent.getClassSchema())).isEqualTo(id);
    }

    @Test
    void anIncompatibleChangeFailsTheProducerWithAClearError(KafkaTestContext kafka) {
        String topic = kafka.createTopic("evolving", 1);
        Schema v1 = SchemaBuilder.record("Reading").namespace("it.evolve").fields().requiredString("id").endRecord();
        Schema v2 = SchemaBuilder.record("Reading").namespace("it.evolve").fields().requiredString("id")
                .requiredDouble("celsius").endRecord();
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(REGISTRY.serdeConfig(), false);
        GenericData.Record first = new GenericData.Record(v1);
        first.put("id", "a");
        serializer.serialize(topic, first);

        GenericData.Record incompatible = new GenericData.Record(v2);
        incompatible.put("id", "b");
        incompatible.put("celsius", 21.5);

        assertThatThrownBy(() -> serializer.serialize(topic, incompatible))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining(topic + "-value");
    }

    @ParameterizedTest
    @EnumSource(SubjectNameStrategy.class)
    void eachSubjectNameStrategyRegistersUnderItsSubject(SubjectNameStrategy strategy, KafkaTestContext kafka) {
        String topic = kafka.createTopic("strategy", 1);
        AvroSerdes serdes = REGISTRY.serdes(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, strategy.name()));
        Schema schema = SchemaBuilder.record("Strategy" + strategy.ordinal()).namespace("it.strategy").fields()
                .requiredString("id").endRecord();
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(serdes.client());
        serializer.configure(serdes.config(), false);
        GenericData.Record record = new GenericData.Record(schema);
        record.put("id", "x");

        kafka.produce(new StringSerializer(), serializer, List.of(new ProducerRecord<>(topic, "k", record)));

        String expected = switch (strategy) {
            case TOPIC_NAME -> topic + "-value";
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
        assertThat(serdes.client().getSubjects()).contains(expected);
        AvroDeserializer<GenericRecord> reader = new AvroDeserializer<>();
        reader.configure(REGISTRY.serdeConfig(), false);
        assertThat(kafka.consume(topic, new StringDeserializer(), reader, 1).get(0).value().get("id").toString())
                .isEqualTo("x");
    }

    @Test
    void anIdTheRegistryNeverIssuedIsAClearErrorOnRead() {
        AvroDeserializer<StatusEvent> deserializer = new AvroDeserializer<>();
        deserializer.configure(REGISTRY.serdeConfig(Map.of(AvroSerdeConfig.MAX_RETRIES, 0)), false);
        byte[] unknownId = ByteBuffer.allocate(7).put((byte) 0).putInt(876_543).put(new byte[] {2, 'x'}).array();

        assertThatThrownBy(() -> deserializer.deserialize("any", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 876543");
    }

    @Test
    void serializedRecordsSurviveARegistryRestart(KafkaTestContext kafka) {
        String topic = kafka.createTopic("restart", 1);
        kafka.produce(new StringSerializer(), REGISTRY.serdes().value(StatusEvent.class).serializer(),
                List.of(new ProducerRecord<>(topic, "k", statusEvent("before-restart"))));

        REGISTRY.restart();

        // a fresh deserializer has no cache: it must fetch the id from the restarted registry
        AvroDeserializer<StatusEvent> fresh = new AvroDeserializer<>(null, StatusEvent.class);
        fresh.configure(REGISTRY.serdeConfig(), false);
        assertThat(kafka.consume(topic, new StringDeserializer(), fresh, 1).get(0).value())
                .isEqualTo(statusEvent("before-restart"));
    }
}
