package io.blastradius.schemas.serde;

import io.blastradius.schemas.registry.SchemaRegistryClient;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.registry.SchemaRegistryException;
import io.blastradius.schemas.registry.SubjectNameStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * in the Confluent wire format, registering or looking up the schema once and caching its id.
 * A null record is written as null, so tombstones stay tombstones.
 *
 * <p>Configured with the keys of {@link AvroSerdeConfig}, or constructed with a shared client.
 */
public class AvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient client;
    private SubjectNameStrategy strategy = SubjectNameStrategy.TOPIC_NAME;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<String, Integer> latestIdBySubject = new ConcurrentHashMap<>();

    /** For instantiation by class name; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    /** Uses {@code client} (shared, not closed by this serializer); {@link #configure} still reads the other keys. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.strategy = config.subjectNameStrategy(isKey);
        this.autoRegister = config.autoRegister();
        this.useLatestVersion = config.useLatestVersion();
        if (client == null) {
            client = SchemaRegistryClients.create(config.clientSettings());
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        Schema schema = schemaOf(data);
        String subject = strategy.subjectName(topic, isKey, schema);
        int id = schemaId(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(new byte[WireFormat.HEADER_SIZE], 0, WireFormat.HEADER_SIZE);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, AvroSerializer::writerFor).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic '" + topic + "': " + e, e);
        }
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, id);
        return bytes;
    }

    private int schemaId(String subject, Schema schema) {
        try {
            if (useLatestVersion) {
                return latestIdBySubject.computeIfAbsent(subject, s -> client.getLatest(s).id());
            }
            return autoRegister ? client.register(subject, schema) : client.getId(subject, schema);
        } catch (SchemaRegistryException e) {
            String what = e.errorCode() == SchemaRegistryException.INCOMPATIBLE_SCHEMA
                    ? "schema " + schema.getFullName() + " is incompatible with the versions registered under subject '"
                            + subject + "'"
                    : e.notFound() ? "schema " + schema.getFullName() + " is not registered under subject '" + subject
                            + "' and auto.register.schemas is false"
                    : "cannot get an id for schema " + schema.getFullName() + " under subject '" + subject + "'";
            throw new SerializationException(what + ": " + e.getMessage(), e);
        }
    }

    private static Schema schemaOf(Object data) {
        if (data instanceof GenericContainer) {
            return ((GenericContainer) data).getSchema();
        }
        throw new SerializationException("AvroSerializer writes Avro records; got " + data.getClass().getName());
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema) {
        SpecificData model = SpecificData.getForSchema(schema);
        if (model.getClass(schema) != null && SpecificRecord.class.isAssignableFrom(model.getClass(schema))) {
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, model);
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    @Override
    public void close() {
        // The client may be shared (AvroSerdes); its caches live as long as it does.
    }
}
