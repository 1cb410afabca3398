package io.blastradius.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, a 4-byte big-endian schema id, then the Avro
 * binary encoding of the datum.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Reads and checks the header; returns the schema id and leaves the buffer at the Avro payload. */
    public static int readHeader(ByteBuffer buffer, String topic) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("record on topic '" + topic + "' is " + buffer.remaining()
                    + " byte(s) long; a Confluent-framed Avro record needs at least " + HEADER_SIZE
                    + " (magic byte + 4-byte schema id)");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record on topic '%s' starts with byte 0x%02x, not the Confluent magic byte 0x00: "
                            + "it was not written by a schema-registry serializer", topic, magic & 0xff));
        }
        return buffer.getInt();
    }

    /** Writes the header for {@code schemaId} into the first five bytes of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
