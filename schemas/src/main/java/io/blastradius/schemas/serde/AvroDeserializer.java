package io.blastradius.schemas.serde;

import io.blastradius.schemas.registry.SchemaRegistryClient;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro. The writer's schema is fetched by id once and cached; the record is
 * resolved into the reader's type: the class given to the constructor, else the generated class of
 * the writer's record (with {@code specific.avro.reader=true}), else a GenericRecord.
 *
 * <p>Fails with a {@link SerializationException} that says what is wrong (too short, wrong magic
 * byte, unknown schema id, a payload that does not decode); it never returns null for non-null input.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    private SchemaRegistryClient client;
    private final Class<T> targetType;
    private boolean specificReader;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For instantiation by class name; {@link #configure} must follow. */
    public AvroDeserializer() {
        this(null, null);
    }

    /**
     * @param client shared registry client, or null to build one in {@link #configure}
     * @param targetType the generated class to read into; null for the writer's generated class (with
     *     {@code specific.avro.reader=true}) or a GenericRecord; GenericRecord.class for a GenericRecord
     */
    public AvroDeserializer(SchemaRegistryClient client, Class<T> targetType) {
        this.client = client;
        this.targetType = targetType;
        this.specificReader = isGenerated(targetType);
    }

    private static boolean isGenerated(Class<?> type) {
        return type != null && SpecificRecord.class.isAssignableFrom(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.specificReader = isGenerated(targetType) || (targetType == null && config.specificReader());
        if (client == null) {
            client = SchemaRegistryClients.create(config.clientSettings());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        int id = WireFormat.readHeader(ByteBuffer.wrap(data), topic);
        DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
        Object value;
        try {
            value = reader.read(null, decoder);
        } catch (java.io.EOFException e) {
            throw new SerializationException("record on topic '" + topic + "' with schema id " + id
                    + " does not decode: the payload of " + data.length + " bytes ends before the record does (truncated)", e);
        } catch (java.io.IOException | RuntimeException e) {
            throw new SerializationException("record on topic '" + topic + "' with schema id " + id
                    + " does not decode (corrupt payload of " + data.length + " bytes, or written with another schema): "
                    + e, e);
        }
        int left = leftOver(decoder);
        if (left > 0) {
            // A datum that decodes but leaves bytes over was not written with this schema id.
            throw new SerializationException("record on topic '" + topic + "' with schema id " + id
                    + " does not decode cleanly: " + left + " byte(s) left over after the record (corrupt payload or "
                    + "wrong schema id)");
        }
        if (targetType != null && !targetType.isInstance(value)) {
            throw new SerializationException("record on topic '" + topic + "' with schema id " + id + " decoded to "
                    + value.getClass().getName() + ", expected " + targetType.getName());
        }
        return (T) value;
    }

    private static int leftOver(BinaryDecoder decoder) {
        try {
            return decoder.isEnd() ? 0 : decoder.inputStream().available();
        } catch (java.io.IOException e) {
            return 0; // cannot happen on a byte array; the record itself decoded
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> readerFor(int id) {
        Schema writer;
        try {
            writer = client.getSchemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(e.notFound()
                    ? "unknown schema id " + id + ": the registry has no such schema (" + e.getMessage() + ")"
                    : "cannot fetch schema id " + id + " from the registry: " + e.getMessage(), e);
        }
        if (!specificReader) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Schema readerSchema = isGenerated(targetType) ? schemaOfClass(targetType) : null;
        if (readerSchema == null) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new SerializationException("no generated class for " + writer.getFullName()
                        + " (schema id " + id + ") on the classpath; set specific.avro.reader=false to read GenericRecords");
            }
            readerSchema = schemaOfClass(generated);
        }
        try {
            SpecificData generated = SpecificData.getForSchema(readerSchema);
            return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, readerSchema,
                    needsListArrays(readerSchema) ? listArraysModel(generated) : generated);
        } catch (RuntimeException e) {
            throw new SerializationException("schema id " + id + " (" + writer.getFullName() + ") cannot be read as "
                    + readerSchema.getFullName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A model that reads arrays as {@link ArrayList}s, as the generated builders are given them.
     * Avro's own {@code GenericData.Array} compares its elements without the generated classes'
     * logical-type conversions, so {@code equals} on a decoded record holding an array of records
     * with an optional timestamp (an Outage's blast radius) would throw instead of answering. The
     * generated classes' custom decoders build that array type directly, so they are turned off
     * (only for the schemas that need it, see {@link #needsListArrays}).
     */
    /**
     * Whether {@code schema} reaches an array whose items hold a logical type: the arrays whose
     * {@code GenericData.Array.equals} breaks. Only such schemas need {@link #listArraysModel}; the
     * others keep the generated custom decoders, which are about twice as fast.
     */
    static boolean needsListArrays(Schema schema) {
        return reaches(schema, new java.util.HashSet<>(), s -> s.getType() == Schema.Type.ARRAY
                && reaches(s.getElementType(), new java.util.HashSet<>(), t -> t.getLogicalType() != null));
    }

    private static boolean reaches(Schema schema, java.util.Set<String> seen, java.util.function.Predicate<Schema> test) {
        if (test.test(schema)) {
            return true;
        }
        switch (schema.getType()) {
            case ARRAY:
                return reaches(schema.getElementType(), seen, test);
            case MAP:
                return reaches(schema.getValueType(), seen, test);
            case UNION:
                return schema.getTypes().stream().anyMatch(t -> reaches(t, seen, test));
            case RECORD:
                return seen.add(schema.getFullName())
                        && schema.getFields().stream().anyMatch(f -> reaches(f.schema(), seen, test));
            default:
                return false;
        }
    }

    private static SpecificData listArraysModel(SpecificData generated) {
        SpecificData model = new SpecificData(generated.getClassLoader()) {
            @Override
            public Object newArray(Object old, int size, Schema schema) {
                if (old instanceof Collection<?> collection) {
                    collection.clear();
                    return old;
                }
                return new ArrayList<>(size);
            }
        };
        generated.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(false);
        return model;
    }

    private static Schema schemaOfClass(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }

    @Override
    public void close() {
        // The client may be shared (AvroSerdes).
    }
}
