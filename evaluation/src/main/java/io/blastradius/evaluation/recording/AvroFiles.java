package io.blastradius.evaluation.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro object container files of generated records: self-describing (the schema is in the file), so a
 * recording stays readable by any Avro tool and by later versions of these classes.
 */
final class AvroFiles {
    private AvroFiles() {
    }

    /** Appends records to a new container file; close it to finish the file. */
    static final class Writer<T extends SpecificRecord> implements Closeable {
        private final DataFileWriter<T> out;

        Writer(Path file, Class<T> type) throws IOException {
            Schema schema = schemaOf(type);
            // the generated class's own model knows the logical-type conversions (Instant timestamps)
            out = new DataFileWriter<>(new SpecificDatumWriter<T>(schema, SpecificData.getForSchema(schema)));
            out.setCodec(CodecFactory.deflateCodec(3));
            out.create(schema, Files.newOutputStream(file));
        }

        void append(T record) throws IOException {
            out.append(record);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static <T extends SpecificRecord> void write(Path file, Class<T> type, Iterable<T> records) throws IOException {
        try (Writer<T> writer = new Writer<>(file, type)) {
            for (T record : records) {
                writer.append(record);
            }
        }
    }

    private static Schema schemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }

    /** Reads every record of {@code file} into {@code type}, resolving the file's schema against the class's. */
    static <T extends SpecificRecord> long read(Path file, Class<T> type, Consumer<T> each) throws IOException {
        long n = 0;
        Schema schema = schemaOf(type);
        SpecificDatumReader<T> datum = new SpecificDatumReader<>(null, schema, SpecificData.getForSchema(schema));
        try (DataFileReader<T> in = new DataFileReader<>(file.toFile(), datum)) {
            while (in.hasNext()) {
                // no record reuse: callers keep the records
                each.accept(in.next(null));
                n++;
            }
        }
        return n;
    }
}
