package io.blastradius.ingest.simulate;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.serde.FastSpecificData;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the three signal streams to a directory: {@code status-events}, {@code social-signals}
 * and {@code probe-results}, as Avro object container files ({@code .avro}, self-describing,
 * zstd-compressed) or as JSON lines in Avro's JSON encoding ({@code .jsonl}). The bytes depend
 * only on what is written: the container sync marker is derived from the scenario seed, so the
 * same seed gives byte-identical files.
 */
public final class FileOutput implements SignalOutput {
    /** File formats. */
    public enum Format {
        AVRO(".avro"), JSONL(".jsonl");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    public static final String STATUS_EVENTS = "status-events";
    public static final String SOCIAL_SIGNALS = "social-signals";
    public static final String PROBE_RESULTS = "probe-results";
    public static final String SERVICES = "services";
    public static final String SERVICE_DEPENDENCIES = "service-dependencies";

    private static final int BATCH = 2048;
    private static final List<Object> END = List.of();

    private final Stream<StatusEvent> status;
    private final Stream<SocialSignal> social;
    private final Stream<ProbeResult> probes;
    // Encoding and compressing cost several times what generating does, so a writer thread does it
    // while the caller generates the next minutes. Records go over in batches, in order.
    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(16);
    private final Thread writer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private List<Object> batch = new ArrayList<>(BATCH);

    /** Opens the three files in {@code dir} (created if missing), replacing earlier ones. */
    public FileOutput(Path dir, Format format, long seed) {
        try {
            Files.createDirectories(dir);
            status = new Stream<>(dir, STATUS_EVENTS, StatusEvent.class, format, seed);
            social = new Stream<>(dir, SOCIAL_SIGNALS, SocialSignal.class, format, seed);
            probes = new Stream<>(dir, PROBE_RESULTS, ProbeResult.class, format, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open signal files in " + dir, e);
        }
        writer = new Thread(this::drain, "simulator-file-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void drain() {
        try {
            for (List<Object> records = queue.take(); records != END; records = queue.take()) {
                for (Object r : records) {
                    if (r instanceof ProbeResult p) {
                        probes.write(p);
                    } else if (r instanceof SocialSignal x) {
                        social.write(x);
                    } else {
                        status.write((StatusEvent) r);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    private void add(Object record) {
        batch.add(record);
        if (batch.size() == BATCH) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void handOver(List<Object> records) {
        rethrow();
        try {
            while (!queue.offer(records, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing signal files", e);
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("writing signal files failed: " + t.getMessage(), t);
        }
    }

    /** Writes the catalog beside the signals: {@code services} and {@code service-dependencies}. */
    public static void writeCatalog(Path dir, Format format, long seed, List<ServiceInfo> services,
            List<ServiceDependency> dependencies) {
        try {
            Files.createDirectories(dir);
            try (Stream<ServiceInfo> s = new Stream<>(dir, SERVICES, ServiceInfo.class, format, seed);
                    Stream<ServiceDependency> d = new Stream<>(dir, SERVICE_DEPENDENCIES, ServiceDependency.class, format, seed)) {
                for (ServiceInfo i : services) {
                    s.write(i);
                }
                for (ServiceDependency x : dependencies) {
                    d.write(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog in " + dir, e);
        }
    }

    @Override
    public void status(StatusEvent event) {
        add(event);
    }

    @Override
    public void social(SocialSignal signal) {
        add(signal);
    }

    @Override
    public void probe(ProbeResult result) {
        add(result);
    }

    /** Writes what is left, waits for the writer, closes the files; fails if anything could not be written. */
    @Override
    public void close() {
        try {
            if (!batch.isEmpty()) {
                handOver(batch);
            }
            handOver(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing signal files", e);
        } finally {
            try (status; social; probes) {
                // closing all three, even when one fails
            }
        }
        rethrow();
    }

    /** A byte buffer whose array can be handed on without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    /** One file of one record type. */
    private static final class Stream<T extends SpecificRecord> implements AutoCloseable {
        private final Path file;
        private final DataFileWriter<T> container;
        private final JsonEncoder json;
        private final DatumWriter<T> writer;
        private final OutputStream out;
        private final Buffer datum = new Buffer();
        private BinaryEncoder encoder;

        Stream(Path dir, String name, Class<T> type, Format format, long seed) throws IOException {
            file = dir.resolve(name + format.extension());
            Schema schema = SpecificData.get().getSchema(type);
            // a data model that knows the Instant timestamps and resolves optional fields quickly
            writer = format == Format.AVRO ? FastSpecificData.writer(schema)
                    : new SpecificDatumWriter<>(schema, FastSpecificData.INSTANCE);
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (format == Format.AVRO) {
                container = new DataFileWriter<>(writer);
                // zstd (zstd-jni comes with kafka-clients) compresses probe streams about as well as deflate at a fraction of its cost
                container.setCodec(CodecFactory.zstandardCodec(1));
                container.create(schema, out, sync(seed, name));
                json = null;
            } else {
                container = null;
                json = EncoderFactory.get().jsonEncoder(schema, out);
            }
        }

        private static byte[] sync(long seed, String name) {
            byte[] sync = new byte[16];
            Rng rng = Rng.of(seed, Rng.key("sync:" + name));
            for (int i = 0; i < 16; i += 8) {
                long v = rng.nextLong();
                for (int b = 0; b < 8; b++) {
                    sync[i + b] = (byte) (v >>> (8 * b));
                }
            }
            return sync;
        }

        void write(T record) {
            try {
                if (container != null) {
                    // Encoding through a buffered encoder and appending the bytes is several times faster
                    // than DataFileWriter.append, whose direct encoder writes byte by byte.
                    datum.reset();
                    encoder = EncoderFactory.get().binaryEncoder(datum, encoder);
                    writer.write(record, encoder);
                    encoder.flush();
                    container.appendEncoded(datum.view());
                } else {
                    writer.write(record, json);
                    json.flush();
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                if (container != null) {
                    container.close();
                } else {
                    json.flush();
                    out.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            }
        }
    }
}
