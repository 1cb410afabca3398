package io.blastradius.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.serde.AvroDeserializer;
import io.blastradius.schemas.serde.AvroSerdeConfig;
import io.blastradius.schemas.serde.AvroSerializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroConverterTest {
    private final String scope = "converter-" + UUID.randomUUID();
    private final AvroConnectData data = new AvroConnectData();
    private final AvroConverter converter = converter();

    private AvroConverter converter() {
        AvroConverter c = new AvroConverter();
        // What Connect passes after stripping the "value.converter." prefix.
        c.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope), false);
        return c;
    }

    @AfterEach
    void dropRegistry() {
        converter.close();
        SchemaRegistryClients.dropMockScope(scope);
    }

    private <T> AvroDeserializer<T> reader(Class<T> type) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(null, type);
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope), false);
        return deserializer;
    }

    /** Random but valid instances of a generated class: random generic data read back as that class. */
    static <T extends SpecificRecord> List<T> randomRecords(Class<T> type, int count, long seed) {
        org.apache.avro.Schema schema = org.apache.avro.specific.SpecificData.get().getSchema(type);
        String scope = "random-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        try (AvroSerializer<Object> writer = new AvroSerializer<>();
                AvroDeserializer<T> reader = new AvroDeserializer<>(null, type)) {
            writer.configure(config, false);
            reader.configure(config, false);
            List<T> records = new ArrayList<>();
            for (Object datum : new RandomData(schema, count, seed)) {
                records.add(reader.deserialize("random", writer.serialize("random", datum)));
            }
            return records;
        } finally {
            SchemaRegistryClients.dropMockScope(scope);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {StatusEvent.class, SocialSignal.class, ProbeResult.class, ServiceDependency.class,
            ServiceInfo.class, ServiceHealth.class, Outage.class, OutageAlert.class, DeadLetter.class, BlastRadius.class})
    <T extends SpecificRecord> void roundTripsEverySchemaThroughStructsAndTheWire(Class<T> type) {
        AvroDeserializer<T> reader = reader(type);
        for (T original : randomRecords(type, 25, type.getName().hashCode())) {
            Struct struct = data.toConnect(original);
            struct.validate();
            assertThat(struct.schema().name()).isEqualTo(original.getSchema().getFullName());

            byte[] bytes = converter.fromConnectData("topic", struct.schema(), struct);
            assertThat(bytes[0]).isZero();
            assertThat(reader.deserialize("topic", bytes)).isEqualTo(original);
            assertThat(data.toAvro(struct.schema(), struct)).isEqualTo(original);

            SchemaAndValue back = converter.toConnectData("topic", bytes);
            assertThat(back.schema()).isEqualTo(struct.schema());
            assertThat(back.value()).isEqualTo(struct);
        }
    }

    static StatusEvent statusEvent() {
        return StatusEvent.newBuilder()
                .setEventId("e1").setSource("aws-health").setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1/dynamodb").setProvider("aws").setRegion("us-east-1")
                .setStatus(ComponentStatus.PARTIAL_OUTAGE).setTitle("Increased error rates")
                .setEventTime(Instant.parse("2025-10-20T07:11:00Z")).setIngestTime(Instant.parse("2025-10-20T07:11:30Z"))
                .build();
    }

    @Test
    void mapsTimestampsEnumsOptionalsAndDocsFaithfully() {
        Struct struct = data.toConnect(statusEvent());
        Schema schema = struct.schema();

        assertThat(schema.name()).isEqualTo("io.blastradius.schemas.StatusEvent");
        assertThat(schema.doc()).startsWith("One observation from an official status feed");
        assertThat(schema.field("eventTime").schema()).isEqualTo(Timestamp.builder()
                .doc(StatusEvent.getClassSchema().getField("eventTime").doc()).build());
        assertThat(struct.get("eventTime")).isEqualTo(Date.from(Instant.parse("2025-10-20T07:11:00Z")));
        assertThat(schema.field("provider").schema().isOptional()).isTrue();
        assertThat(schema.field("eventId").schema().isOptional()).isFalse();
        assertThat(struct.get("component")).isNull();
        Schema status = schema.field("status").schema();
        assertThat(status.type()).isEqualTo(Schema.Type.STRING);
        assertThat(status.name()).isEqualTo("io.blastradius.schemas.ComponentStatus");
        assertThat(status.parameters()).containsEntry(AvroConnectData.ENUM_SYMBOLS,
                "OPERATIONAL,DEGRADED,PARTIAL_OUTAGE,MAJOR_OUTAGE,MAINTENANCE,UNKNOWN");
        assertThat(struct.get("status")).isEqualTo("PARTIAL_OUTAGE");
    }

    @Test
    void mapsNestedRecordsArraysMapsBytesAndDefaults() {
        Schema probe = data.toConnectSchema(ProbeResult.getClassSchema());
        assertThat(probe.field("vantage").schema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(probe.field("vantage").schema().name()).isEqualTo("io.blastradius.schemas.Vantage");
        assertThat(probe.field("attributions").schema().valueSchema().name()).isEqualTo("io.blastradius.schemas.IpAttribution");
        assertThat(probe.field("resolvedIps").schema().defaultValue()).isEqualTo(List.of());
        assertThat(probe.field("dns").schema().isOptional()).isTrue();

        Schema deadLetter = data.toConnectSchema(DeadLetter.getClassSchema());
        assertThat(deadLetter.field("headers").schema().type()).isEqualTo(Schema.Type.MAP);
        assertThat(deadLetter.field("headers").schema().defaultValue()).isEqualTo(Map.of());
        assertThat(deadLetter.field("value").schema()).isEqualTo(SchemaBuilder.bytes().optional()
                .doc(DeadLetter.getClassSchema().getField("value").doc()).build());
        DeadLetter letter = DeadLetter.newBuilder().setStage("s").setErrorType("t").setErrorMessage("m")
                .setFailedAt(Instant.EPOCH).setValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        assertThat((byte[]) data.toConnect(letter).get("value")).containsExactly(1, 2, 3);
    }

    @Test
    void writesAStructAsExactlyTheGeneratedType() {
        byte[] bytes = converter.fromConnectData("status", null, data.toConnect(statusEvent()));

        AvroDeserializer<Object> anyReader = new AvroDeserializer<>(null, null);
        anyReader.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        assertThat(anyReader.deserialize("status", bytes)).isInstanceOf(StatusEvent.class).isEqualTo(statusEvent());
        assertThat(SchemaRegistryClients.mockScope(scope).getLatest("status-value").schema())
                .isEqualTo(StatusEvent.getClassSchema());
    }

    @Test
    void acceptsAnAvroRecordAsIsAndKeepsTombstonesNull() {
        byte[] bytes = converter.fromConnectData("status", null, statusEvent());

        assertThat(reader(StatusEvent.class).deserialize("status", bytes)).isEqualTo(statusEvent());
        assertThat(converter.fromConnectData("status", null, null)).isNull();
        assertThat(converter.toConnectData("status", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void ignoresFieldsATransformAddedAndFillsDefaultsForFieldsItRemoved() {
        Struct original = data.toConnect(statusEvent());
        SchemaBuilder changed = SchemaBuilder.struct().name(original.schema().name());
        original.schema().fields().stream().filter(f -> !f.name().equals("rawTime"))
                .forEach(f -> changed.field(f.name(), f.schema()));
        changed.field("insertedByTransform", Schema.STRING_SCHEMA);
        Struct transformed = new Struct(changed.build());
        original.schema().fields().stream().filter(f -> !f.name().equals("rawTime"))
                .forEach(f -> transformed.put(f.name(), original.get(f)));
        transformed.put("insertedByTransform", "x");

        assertThat(reader(StatusEvent.class).deserialize("status",
                converter.fromConnectData("status", transformed.schema(), transformed))).isEqualTo(statusEvent());
    }

    @Test
    void refusesAStructThatNamesNoGeneratedRecord() {
        Schema schema = SchemaBuilder.struct().name("com.example.Unknown").field("a", Schema.STRING_SCHEMA).build();
        Struct struct = new Struct(schema).put("a", "x");

        assertThatThrownBy(() -> converter.fromConnectData("t", schema, struct))
                .isInstanceOf(DataException.class).hasMessageContaining("no generated Avro class com.example.Unknown");
        Schema unnamed = SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).build();
        assertThatThrownBy(() -> converter.fromConnectData("t", unnamed, new Struct(unnamed).put("a", "x")))
                .isInstanceOf(DataException.class).hasMessageContaining("has no name");
        assertThatThrownBy(() -> converter.fromConnectData("t", Schema.STRING_SCHEMA, "text"))
                .isInstanceOf(DataException.class).hasMessageContaining("expected a Struct");
    }

    @Test
    void refusesAnUnknownEnumSymbolNamingTheField() {
        Struct struct = data.toConnect(statusEvent());
        struct.put("status", "ON_FIRE");

        assertThatThrownBy(() -> converter.fromConnectData("t", struct.schema(), struct))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("io.blastradius.schemas.StatusEvent.status")
                .hasMessageContaining("'ON_FIRE' is not a symbol");
    }

    @Test
    void readsBytesThatAreNotConfluentAvroAsADataError() {
        assertThatThrownBy(() -> converter.toConnectData("t", new byte[] {7, 0, 0, 0, 1, 2}))
                .isInstanceOf(DataException.class).hasMessageContaining("magic byte");
    }

    @Test
    void followsTheRegistryKeysUnderTheConverterPrefix() {
        AvroConverter byRecordName = new AvroConverter();
        byRecordName.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
                false);

        byRecordName.fromConnectData("status", null, data.toConnect(statusEvent()));

        assertThat(SchemaRegistryClients.mockScope(scope).getSubjects()).containsExactly("io.blastradius.schemas.StatusEvent");
        assertThat(byRecordName.config().names()).contains(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, AvroSerdeConfig.BASIC_AUTH_USER_INFO);
    }

    @Test
    void readsARecordWrittenByAnotherClientIntoAStructOfItsWriterSchema() {
        byte[] bytes = converter.fromConnectData("status", null, statusEvent());
        GenericRecord generic = reader(GenericRecord.class).deserialize("status", bytes);

        SchemaAndValue read = converter.toConnectData("status", bytes);

        assertThat(read.schema()).isEqualTo(data.toConnectSchema(generic.getSchema()));
        assertThat(((Struct) read.value()).getString("subject")).isEqualTo("aws/us-east-1/dynamodb");
    }

    @Test
    void anUnreachableRegistryIsRetriableSoConnectRetriesInsteadOfFailingTheTask() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AvroConverter unreachable = new AvroConverter();
        unreachable.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort,
                AvroSerdeConfig.MAX_RETRIES, 0), false);
        Struct struct = data.toConnect(statusEvent());

        assertThatThrownBy(() -> unreachable.fromConnectData("status", struct.schema(), struct))
                .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
                .hasMessageContaining("cannot be reached");
        byte[] framed = converter.fromConnectData("status", struct.schema(), struct);
        assertThatThrownBy(() -> unreachable.toConnectData("status", framed))
                .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class);
        unreachable.close();
    }
}
