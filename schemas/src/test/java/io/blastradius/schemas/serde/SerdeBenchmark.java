package io.blastradius.schemas.serde;

import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.OutageTransition;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the project's Avro serde on its hot path (schema id cached, no registry call), for a
 * status event (about 370 bytes), a probe result (the most frequent record: nested records and
 * arrays) and an outage with a blast radius (the biggest, arrays of records with timestamps), against
 * plain Avro encoding without the Confluent framing.
 *
 * <pre>mvn -B -pl schemas -Pbench -DskipTests test -Dbench=SerdeBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
    @Param({"StatusEvent", "ProbeResult", "Outage"})
    public String record;

    private SpecificRecord value;
    private AvroSerializer<SpecificRecord> serializer;
    private AvroDeserializer<SpecificRecord> specificDeserializer;
    private AvroDeserializer<GenericRecord> genericDeserializer;
    private byte[] framed;
    private SpecificDatumWriter<SpecificRecord> plainWriter;
    private SpecificDatumReader<SpecificRecord> plainReader;
    private byte[] plain;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        value = switch (record) {
            case "Outage" -> outage();
            case "ProbeResult" -> probeResult();
            default -> statusEvent();
        };
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://bench");
        serializer = new AvroSerializer<>(registry);
        serializer.configure(config, false);
        specificDeserializer = new AvroDeserializer<>(registry, (Class<SpecificRecord>) value.getClass());
        specificDeserializer.configure(config, false);
        genericDeserializer = new AvroDeserializer<>(registry, GenericRecord.class);
        genericDeserializer.configure(config, false);
        framed = serializer.serialize("bench", value);
        if (!specificDeserializer.deserialize("bench", framed).equals(value)) {
            throw new IllegalStateException("round trip changed the record");
        }
        plainWriter = new SpecificDatumWriter<>(value.getSchema());
        plainReader = new SpecificDatumReader<>(value.getSchema());
        plain = plainSerialize();
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize("bench", value);
    }

    @Benchmark
    public SpecificRecord deserializeSpecific() {
        return specificDeserializer.deserialize("bench", framed);
    }

    @Benchmark
    public GenericRecord deserializeGeneric() {
        return genericDeserializer.deserialize("bench", framed);
    }

    /** Baseline: Avro's own writer into a fresh buffer, no framing and no id lookup. */
    @Benchmark
    public byte[] plainAvroSerialize() throws IOException {
        return plainSerialize();
    }

    /** Baseline: Avro's own reader with the generated classes' custom decoders. */
    @Benchmark
    public SpecificRecord plainAvroDeserialize() throws IOException {
        return plainReader.read(null, DecoderFactory.get().binaryDecoder(plain, null));
    }

    private byte[] plainSerialize() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        plainWriter.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static StatusEvent statusEvent() {
        return StatusEvent.newBuilder()
                .setEventId("3f6c0c9e2b1d4c58a1f0e7d2c9b8a7f6").setSource("aws-health").setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1/dynamodb").setProvider("aws").setRegion("us-east-1")
                .setProviderService("dynamodb").setComponent("Amazon DynamoDB (N. Virginia)")
                .setStatus(ComponentStatus.PARTIAL_OUTAGE).setIncidentId("arn:aws:health:us-east-1::event/DYNAMODB/1")
                .setIncidentStatus("investigating").setUpdateId("2025-10-20T07:11:00Z")
                .setTitle("Increased Error Rates and Latencies")
                .setBody("We are investigating increased error rates and latencies for DynamoDB in the US-EAST-1 Region.")
                .setUrl("https://health.aws.amazon.com/health/status").setEventTime(Instant.parse("2025-10-20T07:11:00Z"))
                .setIngestTime(Instant.parse("2025-10-20T07:11:30Z")).setRawTime("Mon, 20 Oct 2025 00:11:00 PDT").build();
    }

    static io.blastradius.schemas.ProbeResult probeResult() {
        return io.blastradius.schemas.ProbeResult.newBuilder().setProbeId("p-0001").setCheckId("coinbase|https://api.coinbase.com|HTTP")
                .setVantage(new io.blastradius.schemas.Vantage("fra-1", "eu-central-1", 16509L, "aws"))
                .setTarget(new io.blastradius.schemas.ProbeTarget("coinbase", "https://api.coinbase.com/v2/time",
                        io.blastradius.schemas.ProbeProtocol.HTTP))
                .setStartedAt(Instant.parse("2025-10-20T07:11:00Z")).setIngestTime(Instant.parse("2025-10-20T07:11:01Z"))
                .setDurationMs(812.5).setSuccess(false).setErrorClass(io.blastradius.schemas.ProbeErrorClass.HTTP_5XX)
                .setErrorMessage("503 Service Unavailable").setHttpStatus(503)
                .setResolvedIps(List.of("104.18.35.15", "172.64.152.241")).setCnames(List.of("api.coinbase.com.cdn.cloudflare.net"))
                .setAttributions(List.of(new io.blastradius.schemas.IpAttribution("104.18.35.15", "cloudflare", "global", "cdn",
                        "104.16.0.0/13"), new io.blastradius.schemas.IpAttribution("172.64.152.241", "cloudflare", "global", "cdn",
                        "172.64.0.0/13")))
                .setTimings(new io.blastradius.schemas.ProbeTimings(12.0, 8.5, 20.1, 770.0, 1.9)).build();
    }

    static Outage outage() {
        List<ImpactedService> observed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            observed.add(ImpactedService.newBuilder().setService("service-" + i)
                    .setPath(List.of("service-" + i, "infura", "aws/us-east-1")).setDepth(2).setKind(DependencyKind.HOSTING)
                    .setFirstEvidence(Instant.parse("2025-10-20T07:12:00Z").plusSeconds(i)).setScore(0.8).setUsers(100_000L * i)
                    .build());
        }
        return Outage.newBuilder().setOutageId("aws/us-east-1/dynamodb@2025-10-20T07:11Z").setScope("aws/us-east-1/dynamodb")
                .setProvider("aws").setRegion("us-east-1").setProviderService("dynamodb").setState(OutageState.CONFIRMED)
                .setOnset(Instant.parse("2025-10-20T06:50:00Z")).setDetected(Instant.parse("2025-10-20T06:55:00Z"))
                .setConfirmed(Instant.parse("2025-10-20T06:58:00Z")).setUpdatedAt(Instant.parse("2025-10-20T07:12:00Z"))
                .setConfidence(0.97)
                .setEvidence(OutageEvidence.newBuilder().setUnhealthyDependents(20).setTotalDependents(57)
                        .setExpectedUnhealthy(0.4).setSurprise(31.5).setAttributedProbeFailures(44).setComplaints(310)
                        .setProviderComplaints(55).setStatusIncidentIds(List.of("arn:aws:health:us-east-1::event/DYNAMODB/1"))
                        .setSummary("20 of 57 dependents down, probes attribute to aws/us-east-1/dynamodb").build())
                .setBlastRadius(BlastRadius.newBuilder().setObserved(observed).setAtRisk(List.of())
                        .setImpact(new Impact(20, 0, 19_000_000L, 0L, 12)).build())
                .setTransitions(List.of(new OutageTransition(null, OutageState.SUSPECTED, Instant.parse("2025-10-20T06:55:00Z"),
                        "12 dependents unhealthy"), new OutageTransition(OutageState.SUSPECTED, OutageState.CONFIRMED,
                        Instant.parse("2025-10-20T06:58:00Z"), "probes attribute to the scope")))
                .build();
    }
}
