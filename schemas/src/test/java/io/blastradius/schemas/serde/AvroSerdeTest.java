package io.blastradius.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.registry.InMemorySchemaRegistryClient;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerdes serdes = new AvroSerdes(registry, Map.of());

    static StatusEvent statusEvent() {
        return StatusEvent.newBuilder()
                .setEventId("e1").setSource("aws-health").setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1/dynamodb").setProvider("aws").setRegion("us-east-1")
                .setProviderService("dynamodb").setStatus(ComponentStatus.PARTIAL_OUTAGE)
                .setTitle("Increased error rates").setEventTime(Instant.parse("2025-10-20T07:11:00Z"))
                .setIngestTime(Instant.parse("2025-10-20T07:11:30Z")).build();
    }

    @Test
    void roundTripsASpecificRecordInConfluentWireFormat() {
        Serde<StatusEvent> serde = serdes.value(StatusEvent.class);
        byte[] bytes = serde.serializer().serialize("status", statusEvent());

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.getLatest("status-value").id()).isEqualTo(id);
        assertThat(serde.deserializer().deserialize("status", bytes)).isEqualTo(statusEvent());
    }

    @Test
    void readsGenericRecordsWhenNoTypeIsGiven() {
        byte[] bytes = serdes.value(StatusEvent.class).serializer().serialize("status", statusEvent());
        AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>(registry, null);
        generic.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://x"), false);

        GenericRecord record = generic.deserialize("status", bytes);

        assertThat(record.get("subject").toString()).isEqualTo("aws/us-east-1/dynamodb");
        assertThat(record.get("eventTime")).isEqualTo(Instant.parse("2025-10-20T07:11:00Z").toEpochMilli());
    }

    @Test
    void keepsTombstonesNull() {
        Serde<StatusEvent> serde = serdes.value(StatusEvent.class);
        assertThat(serde.serializer().serialize("status", null)).isNull();
        assertThat(serde.deserializer().deserialize("status", null)).isNull();
    }

    @Test
    void rejectsAWrongMagicByteClearly() {
        byte[] bytes = serdes.value(StatusEvent.class).serializer().serialize("status", statusEvent());
        bytes[0] = 1;
        assertThatThrownBy(() -> serdes.value(StatusEvent.class).deserializer().deserialize("status", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
    }

    @Test
    void rejectsATruncatedPayloadClearly() {
        byte[] bytes = serdes.value(StatusEvent.class).serializer().serialize("status", statusEvent());
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 10);
        assertThatThrownBy(() -> serdes.value(StatusEvent.class).deserializer().deserialize("status", cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining("does not decode");
        assertThatThrownBy(() -> serdes.value(StatusEvent.class).deserializer().deserialize("status", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("at least 5");
    }

    @Test
    void rejectsAnUnknownSchemaIdClearly() {
        byte[] bytes = serdes.value(StatusEvent.class).serializer().serialize("status", statusEvent());
        bytes[4] = 99;
        assertThatThrownBy(() -> serdes.value(StatusEvent.class).deserializer().deserialize("status", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema id 99");
    }

    @Test
    void anOutageWithABlastRadiusEqualsItselfAfterARoundTrip() {
        // Regression: arrays read as GenericData.Array compared optional timestamps without the
        // generated conversions, so equals threw "Unknown datum type java.time.Instant".
        io.blastradius.schemas.ImpactedService hit = io.blastradius.schemas.ImpactedService.newBuilder()
                .setService("coinbase").setPath(java.util.List.of("coinbase", "aws/us-east-1"))
                .setDepth(1).setKind(io.blastradius.schemas.DependencyKind.HOSTING)
                .setFirstEvidence(Instant.parse("2025-10-20T07:12:00Z")).setScore(0.9).build();
        io.blastradius.schemas.BlastRadius radius = io.blastradius.schemas.BlastRadius.newBuilder()
                .setObserved(java.util.List.of(hit)).setAtRisk(java.util.List.of())
                .setImpact(new io.blastradius.schemas.Impact(1, 0, 0L, 0L, 0)).build();
        Serde<io.blastradius.schemas.BlastRadius> serde = serdes.value(io.blastradius.schemas.BlastRadius.class);

        io.blastradius.schemas.BlastRadius read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", radius));

        assertThat(read).isEqualTo(radius);
        assertThat(read.getObserved()).isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void keepsTheFastGeneratedDecodersWhereArraysHoldNoLogicalTypes() {
        assertThat(AvroDeserializer.needsListArrays(io.blastradius.schemas.Outage.getClassSchema())).isTrue();
        assertThat(AvroDeserializer.needsListArrays(io.blastradius.schemas.BlastRadius.getClassSchema())).isTrue();
        assertThat(AvroDeserializer.needsListArrays(io.blastradius.schemas.ProbeResult.getClassSchema())).isFalse();
        assertThat(AvroDeserializer.needsListArrays(io.blastradius.schemas.SocialSignal.getClassSchema())).isFalse();
        assertThat(AvroDeserializer.needsListArrays(StatusEvent.getClassSchema())).isFalse();
    }
}
