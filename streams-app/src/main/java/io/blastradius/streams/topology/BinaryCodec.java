package io.blastradius.streams.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary encoding of the topology's internal values (repartitioned observations, state
 * of the health stage). Internal topics and stores are read only by this application, so they use
 * this lean format rather than registry-framed Avro; the first byte is a format version.
 */
final class BinaryCodec {
    private BinaryCodec() {
    }

    /** Writes one value. */
    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value. */
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static <T> Serde<T> serde(byte version, Writer<T> writer, Reader<T> reader) {
        Serializer<T> ser = (topic, value) -> value == null ? null : encode(version, writer, value);
        Deserializer<T> de = (topic, data) -> data == null ? null : decode(version, reader, data, topic);
        return Serdes.serdeFrom(ser, de);
    }

    /**
     * One buffer and stream per thread: the health stage encodes a bucket for every record, and a fresh
     * stream per value (with its own string buffer) cost more than the encoding itself.
     */
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private static final class Buffer {
        final Bytes bytes = new Bytes();
        final DataOutputStream out = new DataOutputStream(bytes);
    }

    /** A byte array stream that can be emptied and keeps its capacity. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(256);
        }

        void clear() {
            count = 0;
        }
    }

    static <T> byte[] encode(byte version, Writer<T> writer, T value) {
        Buffer buffer = BUFFERS.get();
        buffer.bytes.clear();
        try {
            buffer.out.writeByte(version);
            writer.write(buffer.out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.bytes.toByteArray();
    }

    static <T> T decode(byte version, Reader<T> reader, byte[] data, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte v = in.readByte();
            if (v != version) {
                throw new SerializationException("unsupported internal format version " + v + " in " + where
                        + " (expected " + version + ")");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("corrupt internal record in " + where + ": " + e, e);
        }
    }

    static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeShort(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readUTF());
        }
        return list;
    }
}
