package io.blastradius.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.serde.AvroDeserializer;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serde configured the way users configure it, against the Confluent REST API over HTTP. */
class AvroSerdeOverRestTest {
    private final ConfluentApiTestServer server;

    AvroSerdeOverRestTest() throws IOException {
        server = new ConfluentApiTestServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static StatusEvent event(String id) {
        return StatusEvent.newBuilder()
                .setEventId(id).setSource("aws-health").setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1/dynamodb").setProvider("aws").setRegion("us-east-1")
                .setStatus(ComponentStatus.MAJOR_OUTAGE).setEventTime(Instant.parse("2025-10-20T07:11:00Z"))
                .setIngestTime(Instant.parse("2025-10-20T07:11:30Z")).build();
    }

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private <T> AvroSerializer<T> serializer(boolean isKey, Object... keyValues) {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(config(keyValues), isKey);
        return serializer;
    }

    private AvroDeserializer<StatusEvent> deserializer() {
        AvroDeserializer<StatusEvent> deserializer = new AvroDeserializer<>(null, StatusEvent.class);
        deserializer.configure(config(), false);
        return deserializer;
    }

    private static int idOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    @Test
    void theHotPathMakesNoHttpCallOnceASchemaIsKnown() {
        AvroSerializer<StatusEvent> serializer = serializer(false);
        AvroDeserializer<StatusEvent> deserializer = deserializer();
        deserializer.deserialize("status", serializer.serialize("status", event("warm-up")));
        assertThat(server.requests()).extracting(ConfluentApiTestServer.Request::method).containsExactly("POST", "GET");

        for (int i = 0; i < 10_000; i++) {
            StatusEvent event = event("e" + i);
            assertThat(deserializer.deserialize("status", serializer.serialize("status", event))).isEqualTo(event);
        }

        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void namesSubjectsByTopicByDefault() {
        serializer(false).serialize("status", event("1"));
        serializer(true).serialize("status", event("1"));

        assertThat(server.registry().getSubjects()).containsExactly("status-value", "status-key");
    }

    @Test
    void namesSubjectsByRecordNameWithTheConfluentClassName() {
        serializer(false, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy").serialize("status", event("1"));

        assertThat(server.registry().getSubjects()).containsExactly("io.blastradius.schemas.StatusEvent");
    }

    @Test
    void namesSubjectsByTopicAndRecordName() {
        serializer(true, AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy").serialize("status", event("1"));
        serializer(false, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy")
                .serialize("other", event("1"));

        assertThat(server.registry().getSubjects())
                .containsExactly("status-io.blastradius.schemas.StatusEvent", "other-io.blastradius.schemas.StatusEvent");
    }

    @Test
    void readsAStrategyGivenAsAClassObjectByItsName() {
        // Kafka users write props.put(VALUE_SUBJECT_NAME_STRATEGY, SomeStrategy.class): judged by class name,
        // so Confluent's classes work and any other class is refused by name, not with a type error.
        assertThatThrownBy(() -> new AvroSerdeConfig(config(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, Mine.class))
                .subjectNameStrategy(false))
                .hasMessageContaining(Mine.class.getName()).hasMessageContaining("RecordNameStrategy");
    }

    /** A strategy class the serde does not know. */
    static final class Mine {
    }

    @Test
    void rejectsAnUnknownStrategyClearly() {
        assertThatThrownBy(() -> serializer(false, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "com.example.Mine"))
                .hasMessageContaining("com.example.Mine").hasMessageContaining("TopicRecordNameStrategy");
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsAClearErrorAndNothingIsRegistered() {
        AvroSerializer<StatusEvent> serializer = serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);

        assertThatThrownBy(() -> serializer.serialize("status", event("1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 'status-value'")
                .hasMessageContaining("auto.register.schemas is false");
        assertThat(server.count("POST", "/subjects/status-value/versions")).isZero();
        assertThat(server.registry().getSubjects()).isEmpty();
    }

    @Test
    void withoutAutoRegisterARegisteredSchemaIsLookedUpOnce() {
        int id = server.registry().register("status-value", StatusEvent.getClassSchema());
        AvroSerializer<StatusEvent> serializer = serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

        assertThat(idOf(serializer.serialize("status", event("1")))).isEqualTo(id);
        assertThat(idOf(serializer.serialize("status", event("2")))).isEqualTo(id);

        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("POST /subjects/status-value"));
    }

    @Test
    void useLatestVersionFramesWithTheLatestIdAndWritesBytesOfThatSchema() {
        // A newer StatusEvent registered by someone else: one more field, with a default.
        Schema newer = new Schema.Parser().parse(StatusEvent.getClassSchema().toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"severity\",\"type\":\"int\",\"default\":3},"));
        server.registry().register("status-value", StatusEvent.getClassSchema());
        int latest = server.registry().register("status-value", newer);
        AvroSerializer<StatusEvent> serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);

        byte[] bytes = serializer.serialize("status", event("1"));
        serializer.serialize("status", event("2"));

        assertThat(idOf(bytes)).isEqualTo(latest);
        AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>(null, null);
        generic.configure(config(), false);
        GenericRecord asWritten = generic.deserialize("status", bytes);
        assertThat(asWritten.get("severity")).isEqualTo(3);
        assertThat(asWritten.get("eventId").toString()).isEqualTo("1");
        assertThat(deserializer().deserialize("status", bytes)).isEqualTo(event("1"));
        assertThat(server.count("GET", "/subjects/status-value/versions/latest")).isEqualTo(1);
        assertThat(server.count("POST", "/subjects/status-value/versions")).isZero();
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
        server.registry().setCompatibility(null, CompatibilityLevel.NONE);
        server.registry().register("status-value", new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"StatusEvent\",\"namespace\":\"io.blastradius.schemas\","
                        + "\"fields\":[{\"name\":\"eventId\",\"type\":\"long\"}]}"));
        AvroSerializer<StatusEvent> serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true);

        assertThatThrownBy(() -> serializer.serialize("status", event("1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("use.latest.version").hasMessageContaining("cannot represent");
    }

    @Test
    void useLatestVersionOnAnEmptySubjectSaysSo() {
        AvroSerializer<StatusEvent> serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true);

        assertThatThrownBy(() -> serializer.serialize("status", event("1")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("has no version");
    }

    @Test
    void anIncompatibleSchemaIsASerializationErrorNamingSubjectAndReason() {
        server.registry().register("status-value", new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"StatusEvent\",\"namespace\":\"io.blastradius.schemas\","
                        + "\"fields\":[{\"name\":\"eventId\",\"type\":\"long\"}]}"));

        assertThatThrownBy(() -> serializer(false).serialize("status", event("1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible with the versions registered under subject 'status-value'");
        assertThat(server.count("POST", "/subjects/status-value/versions")).isEqualTo(1);
    }

    @Test
    void anUnknownSchemaIdIsAClearDeserializationError() {
        byte[] bytes = serializer(false).serialize("status", event("1"));
        ByteBuffer.wrap(bytes).putInt(1, 4242);

        assertThatThrownBy(() -> deserializer().deserialize("status", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema id 4242");
    }

    @Test
    void trailingBytesAfterTheRecordAreAClearError() {
        byte[] bytes = serializer(false).serialize("status", event("1"));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> deserializer().deserialize("status", longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("3 byte(s) left over");
    }
}
