package io.blastradius.ingest.connect;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The mapping between Avro records and Connect data that every blastradius connector and the
 * {@link AvroConverter} share. Connectors build the generated Avro classes (the data model's one
 * definition), turn them into {@link Struct}s here, and the converter turns the Structs back into
 * exactly those classes before writing them, so transforms (SMTs) in between see ordinary Connect data.
 *
 * <ul>
 *   <li>record: STRUCT named with the Avro full name, docs carried over;</li>
 *   <li>union of null and one type: that type, optional (the only unions the data model uses);</li>
 *   <li>{@code timestamp-millis}: Connect {@link Timestamp} ({@link Date} values);</li>
 *   <li>enum: STRING named with the enum's full name, symbols in the {@value #ENUM_SYMBOLS} parameter;</li>
 *   <li>array: ARRAY; map: MAP with STRING keys; bytes and fixed: BYTES; other primitives: the same.</li>
 * </ul>
 * Field defaults become Connect defaults. Thread-safe; schemas are converted once and cached.
 */
public final class AvroConnectData {
    /** Connect schema parameter that lists an enum's symbols, comma-separated, in order. */
    public static final String ENUM_SYMBOLS = "io.blastradius.avro.enum.symbols";
    /** Connect schema parameter that keeps a logical type the mapping does not model (e.g. {@code uuid}). */
    public static final String LOGICAL_TYPE = "io.blastradius.avro.logicalType";

    private final Map<org.apache.avro.Schema, Schema> connectSchemas = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> generatedClasses = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- Avro -> Connect

    /** The Connect schema of an Avro record schema. */
    public Schema toConnectSchema(org.apache.avro.Schema avro) {
        Schema cached = connectSchemas.get(avro);
        if (cached != null) {
            return cached;
        }
        Schema built = schemaOf(avro, false, NO_DEFAULT, avro.getDoc());
        connectSchemas.put(avro, built);
        return built;
    }

    /** A generated record (or any Avro record) as a Struct of {@link #toConnectSchema its schema}. */
    public Struct toConnect(IndexedRecord record) {
        Schema schema = toConnectSchema(record.getSchema());
        return (Struct) valueToConnect(record.getSchema(), schema, record);
    }

    private static final Object NO_DEFAULT = new Object();

    private Schema schemaOf(org.apache.avro.Schema avro, boolean optional, Object avroDefault, String doc) {
        org.apache.avro.Schema.Type type = avro.getType();
        if (type == org.apache.avro.Schema.Type.UNION) {
            org.apache.avro.Schema branch = nonNullBranch(avro);
            // With a null default the field is optional with no default; a union whose default is the
            // other branch ("default" must match the first branch) stays optional with that default.
            return schemaOf(branch, true, avroDefault == JsonProperties.NULL_VALUE ? NO_DEFAULT : avroDefault, doc);
        }
        SchemaBuilder builder = builderFor(avro);
        if (optional) {
            builder.optional();
        }
        if (doc != null) {
            builder.doc(doc);
        }
        if (avroDefault != NO_DEFAULT && avroDefault != null && avroDefault != JsonProperties.NULL_VALUE) {
            try {
                builder.defaultValue(valueToConnect(avro, builder.build(), avroDefault));
            } catch (RuntimeException e) {
                throw new DataException("default of " + avro + " cannot be expressed in Connect: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private SchemaBuilder builderFor(org.apache.avro.Schema avro) {
        LogicalType logical = avro.getLogicalType();
        switch (avro.getType()) {
            case RECORD: {
                SchemaBuilder struct = SchemaBuilder.struct().name(avro.getFullName());
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    Object fieldDefault = field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : NO_DEFAULT;
                    if (field.hasDefaultValue() && fieldDefault == null) {
                        fieldDefault = JsonProperties.NULL_VALUE;
                    }
                    struct.field(field.name(), schemaOf(field.schema(), false, fieldDefault, field.doc()));
                }
                return struct;
            }
            case ENUM:
                return SchemaBuilder.string().name(avro.getFullName())
                        .parameter(ENUM_SYMBOLS, String.join(",", avro.getEnumSymbols()));
            case ARRAY:
                return SchemaBuilder.array(schemaOf(avro.getElementType(), false, NO_DEFAULT, null));
            case MAP:
                return SchemaBuilder.map(Schema.STRING_SCHEMA, schemaOf(avro.getValueType(), false, NO_DEFAULT, null));
            case STRING:
                return withLogicalType(SchemaBuilder.string(), logical);
            case BYTES:
                return withLogicalType(SchemaBuilder.bytes(), logical);
            case FIXED:
                return SchemaBuilder.bytes().name(avro.getFullName());
            case INT:
                return withLogicalType(SchemaBuilder.int32(), logical);
            case LONG:
                return logical instanceof LogicalTypes.TimestampMillis ? Timestamp.builder()
                        : withLogicalType(SchemaBuilder.int64(), logical);
            case FLOAT:
                return SchemaBuilder.float32();
            case DOUBLE:
                return SchemaBuilder.float64();
            case BOOLEAN:
                return SchemaBuilder.bool();
            default:
                throw new DataException("Avro type " + avro.getType() + " has no Connect mapping (" + avro + ")");
        }
    }

    private static SchemaBuilder withLogicalType(SchemaBuilder builder, LogicalType logical) {
        return logical == null ? builder : builder.parameter(LOGICAL_TYPE, logical.getName());
    }

    private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> types = union.getTypes();
        if (types.size() == 2 && types.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
            return types.get(1);
        }
        if (types.size() == 2 && types.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
            return types.get(0);
        }
        throw new DataException("only unions of null and one type map to Connect; got " + union);
    }

    private Object valueToConnect(org.apache.avro.Schema avro, Schema connect, Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return null;
        }
        switch (avro.getType()) {
            case UNION:
                return valueToConnect(nonNullBranch(avro), connect, value);
            case RECORD: {
                IndexedRecord record = (IndexedRecord) value;
                Struct struct = new Struct(connect);
                for (org.apache.avro.Schema.Field field : avro.getFields()) {
                    Field connectField = connect.field(field.name());
                    struct.put(connectField, valueToConnect(field.schema(), connectField.schema(), record.get(field.pos())));
                }
                return struct;
            }
            case ENUM:
                return value instanceof Enum<?> e ? e.name() : value.toString();
            case STRING:
                return value.toString();
            case BYTES:
                return value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            case FIXED:
                return ((GenericFixed) value).bytes().clone();
            case LONG:
                if (Timestamp.LOGICAL_NAME.equals(connect.name())) {
                    return value instanceof Instant instant ? Date.from(instant) : new Date(((Number) value).longValue());
                }
                return value;
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    list.add(valueToConnect(avro.getElementType(), connect.valueSchema(), item));
                }
                return list;
            }
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    map.put(entry.getKey().toString(), valueToConnect(avro.getValueType(), connect.valueSchema(), entry.getValue()));
                }
                return map;
            }
            default:
                return value;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- Connect -> Avro

    /**
     * The generated Avro record a Struct stands for: the class named by the Struct's schema name,
     * filled field by field (a field the Struct lacks takes the Avro default).
     *
     * @throws DataException when no generated class has that name or a value does not fit
     */
    public SpecificRecord toAvro(Schema connectSchema, Object value) {
        if (!(value instanceof Struct struct)) {
            throw new DataException("expected a Struct of a blastradius record, got "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        Schema schema = connectSchema != null ? connectSchema : struct.schema();
        Class<?> type = generatedClass(schema.name());
        SpecificData model = SpecificData.getForClass(type);
        org.apache.avro.Schema avro = model.getSchema(type);
        return (SpecificRecord) valueToAvro(avro, struct, model, avro.getFullName());
    }

    private Class<?> generatedClass(String name) {
        if (name == null) {
            throw new DataException("the Struct's schema has no name; it must be named after a generated Avro "
                    + "record (e.g. io.blastradius.schemas.StatusEvent)");
        }
        return generatedClasses.computeIfAbsent(name, n -> {
            Class<?> type;
            try {
                type = Class.forName(n, false, AvroConnectData.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new DataException("no generated Avro class " + n + " on the plugin's classpath", e);
            }
            if (!SpecificRecord.class.isAssignableFrom(type)) {
                throw new DataException(n + " is not a generated Avro record");
            }
            return type;
        });
    }

    private Object valueToAvro(org.apache.avro.Schema avro, Object value, SpecificData model, String path) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return value == null ? null : valueToAvro(nonNullBranch(avro), value, model, path);
        }
        if (value == null) {
            throw new DataException(path + " is null but " + avro.getType() + " is not optional");
        }
        try {
            switch (avro.getType()) {
                case RECORD: {
                    Struct struct = (Struct) value;
                    IndexedRecord record = (IndexedRecord) model.newRecord(null, avro);
                    for (org.apache.avro.Schema.Field field : avro.getFields()) {
                        Field connectField = struct.schema().field(field.name());
                        Object fieldValue = connectField != null ? struct.get(connectField) : null;
                        if (connectField == null && field.hasDefaultValue()) {
                            record.put(field.pos(), model.getDefaultValue(field));
                            continue;
                        }
                        record.put(field.pos(), valueToAvro(field.schema(), fieldValue, model, path + "." + field.name()));
                    }
                    return record;
                }
                case ENUM: {
                    String symbol = value.toString();
                    if (!avro.hasEnumSymbol(symbol)) {
                        throw new DataException(path + ": '" + symbol + "' is not a symbol of " + avro.getFullName() + " "
                                + avro.getEnumSymbols());
                    }
                    return model.createEnum(symbol, avro);
                }
                case STRING:
                    return value.toString();
                case BYTES:
                    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
                case FIXED:
                    return model.createFixed(null, (byte[]) value, avro);
                case INT:
                    return ((Number) value).intValue();
                case LONG: {
                    long raw = value instanceof Date date ? date.getTime()
                            : value instanceof Instant instant ? instant.toEpochMilli() : ((Number) value).longValue();
                    return logical(raw, avro, model);
                }
                case FLOAT:
                    return ((Number) value).floatValue();
                case DOUBLE:
                    return ((Number) value).doubleValue();
                case BOOLEAN:
                    return (Boolean) value;
                case ARRAY: {
                    List<Object> list = new ArrayList<>();
                    int i = 0;
                    for (Object item : (Collection<?>) value) {
                        list.add(valueToAvro(avro.getElementType(), item, model, path + "[" + i++ + "]"));
                    }
                    return list;
                }
                case MAP: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        map.put(entry.getKey().toString(),
                                valueToAvro(avro.getValueType(), entry.getValue(), model, path + "[" + entry.getKey() + "]"));
                    }
                    return map;
                }
                default:
                    throw new DataException(path + ": Avro type " + avro.getType() + " has no Connect mapping");
            }
        } catch (ClassCastException e) {
            throw new DataException(path + ": a " + value.getClass().getSimpleName() + " does not fit Avro type "
                    + avro.getType(), e);
        }
    }

    /** The generated classes hold logical types converted (timestamps as Instant); give them that form. */
    private static Object logical(long raw, org.apache.avro.Schema avro, SpecificData model) {
        LogicalType logical = avro.getLogicalType();
        if (logical == null) {
            return raw;
        }
        Conversion<?> conversion = model.getConversionFor(logical);
        return conversion == null ? raw : Conversions.convertToLogicalType(raw, avro, logical, conversion);
    }

    /** True when {@code value} is an Avro record the converter can write as it is. */
    static boolean isAvro(Object value) {
        return value instanceof GenericContainer;
    }
}
