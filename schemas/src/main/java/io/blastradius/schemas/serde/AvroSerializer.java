package io.blastradius.schemas.serde;

import io.blastradius.schemas.registry.RegisteredSchema;
import io.blastradius.schemas.registry.SchemaRegistryClient;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.registry.SchemaRegistryException;
import io.blastradius.schemas.registry.SubjectNameStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * in the Confluent wire format, registering or looking up the schema once and caching its id.
 * A null record is written as null, so tombstones stay tombstones.
 *
 * <p>With {@code use.latest.version} the id is the subject's latest version (fetched once per
 * subject and schema, then cached for the life of the serializer), and a record whose own schema
 * differs is resolved into that latest schema before it is written, so the bytes always match the id.
 *
 * <p>Configured with the keys of {@link AvroSerdeConfig}, or constructed with a shared client.
 */
public class AvroSerializer<T> implements Serializer<T> {
    private static final byte[] HEADER_PLACEHOLDER = new byte[WireFormat.HEADER_SIZE];
    /**
     * A growable output buffer and a buffered encoder per thread, reused across records: a fresh stream
     * and a byte-at-a-time direct encoder per record cost several times the encoding itself.
     */
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private static final class Buffer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
    }

    private SchemaRegistryClient client;
    private SubjectNameStrategy strategy = SubjectNameStrategy.TOPIC_NAME;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    private boolean isKey;
    private final Map<Target.Key, Target> targets = new ConcurrentHashMap<>();

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
        targets.clear();
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
        // The hot path: one map lookup, no registry call once (subject, schema) has been seen.
        Target target = targets.get(new Target.Key(subject, schema));
        if (target == null) {
            target = targets.computeIfAbsent(new Target.Key(subject, schema), this::resolve);
        }
        Buffer buffer = BUFFERS.get();
        buffer.out.reset();
        buffer.out.write(HEADER_PLACEHOLDER, 0, WireFormat.HEADER_SIZE);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
        buffer.encoder = encoder;
        try {
            target.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            buffer.encoder = null; // it may hold half a record; never reuse it
            throw new SerializationException("cannot encode " + schema.getFullName() + " for topic '" + topic + "': " + e, e);
        }
        byte[] bytes = buffer.out.toByteArray();
        WireFormat.writeHeader(bytes, target.id());
        return bytes;
    }

    private Target resolve(Target.Key key) {
        String subject = key.subject();
        Schema schema = key.schema();
        try {
            if (!useLatestVersion) {
                int id = autoRegister ? client.register(subject, schema) : client.getId(subject, schema);
                return new Target(id, writerFor(schema), null, null);
            }
            RegisteredSchema latest = client.getLatest(subject);
            if (latest.schema().equals(schema)) {
                return new Target(latest.id(), writerFor(schema), null, null);
            }
            // The id says "written with the latest schema", so the bytes must be: resolve the record into
            // the latest schema (possible when the latest can read the record's schema) and write that.
            SchemaCompatibility.SchemaPairCompatibility pair =
                    SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
            if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SerializationException("use.latest.version: the latest version of subject '" + subject
                        + "' (id " + latest.id() + ", version " + latest.version() + ") cannot represent a "
                        + schema.getFullName() + " record: " + pair.getResult().getIncompatibilities());
            }
            return new Target(latest.id(), new GenericDatumWriter<>(latest.schema(), GenericData.get()), writerFor(schema),
                    new GenericDatumReader<>(schema, latest.schema(), GenericData.get()));
        } catch (SchemaRegistryException e) {
            String what = e.errorCode() == SchemaRegistryException.INCOMPATIBLE_SCHEMA
                    ? "schema " + schema.getFullName() + " is incompatible with the versions registered under subject '"
                            + subject + "'"
                    : e.notFound() && useLatestVersion ? "use.latest.version is set but subject '" + subject
                            + "' has no version"
                    : e.notFound() ? "schema " + schema.getFullName() + " is not registered under subject '" + subject
                            + "' and auto.register.schemas is false"
                    : "cannot get an id for schema " + schema.getFullName() + " under subject '" + subject + "'";
            throw new SerializationException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where records of one schema go under one subject: the schema id to frame them with and how to
     * encode them (directly, or resolved into the subject's latest schema first).
     */
    private record Target(int id, DatumWriter<Object> writer, DatumWriter<Object> original,
            GenericDatumReader<Object> resolver) {
        record Key(String subject, Schema schema) {
        }

        void write(Object data, BinaryEncoder encoder) throws IOException {
            if (resolver == null) {
                writer.write(data, encoder);
                return;
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
            BinaryEncoder inner = EncoderFactory.get().directBinaryEncoder(buffer, null);
            original.write(data, inner);
            inner.flush();
            Object resolved = resolver.read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
            writer.write(resolved, encoder);
        }
    }

    private static Schema schemaOf(Object data) {
        if (data instanceof GenericContainer) {
            return ((GenericContainer) data).getSchema();
        }
        throw new SerializationException("AvroSerializer writes Avro records; got " + data.getClass().getName());
    }

    private static DatumWriter<Object> writerFor(Schema schema) {
        SpecificData model = SpecificData.getForSchema(schema);
        Class<?> generated = model.getClass(schema);
        if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
            return FastSpecificData.writer(schema, new FastSpecificData(model));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    @Override
    public void close() {
        // The client may be shared (AvroSerdes); its caches live as long as it does.
    }
}
