package io.blastradius.schemas.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The generated classes' data model with a fast path for the optional fields ({@code ["null", T]}
 * unions) that make up most of a probe result: the branch follows from whether the value is null,
 * instead of a type-name lookup per field. Encodes exactly what {@link SpecificData} encodes.
 * Used by {@link AvroSerializer} for generated records and by the simulator's file output.
 */
public final class FastSpecificData extends SpecificData {
    /** For this project's generated classes, whose only logical type is timestamp-millis. */
    public static final FastSpecificData INSTANCE = new FastSpecificData();

    private FastSpecificData() {
        addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    /** The same data model as {@code base} (its logical-type conversions), with the fast union path. */
    public FastSpecificData(SpecificData base) {
        base.getConversions().forEach(this::addLogicalTypeConversion);
    }

    @Override
    public int resolveUnion(Schema union, Object datum) {
        List<Schema> types = union.getTypes();
        if (types.size() == 2) {
            if (types.get(0).getType() == Schema.Type.NULL) {
                return datum == null ? 0 : 1;
            }
            if (types.get(1).getType() == Schema.Type.NULL) {
                return datum == null ? 1 : 0;
            }
        }
        return super.resolveUnion(union, datum);
    }

    /**
     * A datum writer over this model that encodes strings through the JDK's UTF-8 encoder: an Avro
     * string is its UTF-8 bytes with their length, exactly as Avro bytes are written, and
     * {@code String.getBytes} is much faster than the encoder's own per-character pass. For binary
     * encoders only: a JSON encoder checks that strings arrive as strings.
     */
    public static <T> SpecificDatumWriter<T> writer(Schema schema) {
        return writer(schema, INSTANCE);
    }

    /** As {@link #writer(Schema)}, over the given model. */
    public static <T> SpecificDatumWriter<T> writer(Schema schema, FastSpecificData model) {
        return new SpecificDatumWriter<>(schema, model) {
            @Override
            protected void writeString(Object datum, Encoder out) throws IOException {
                if (datum instanceof String s) {
                    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                } else {
                    super.writeString(datum, out);
                }
            }
        };
    }
}
