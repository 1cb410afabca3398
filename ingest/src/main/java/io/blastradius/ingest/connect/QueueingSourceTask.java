package io.blastradius.ingest.connect;

import io.blastradius.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every blastradius source task: background reader threads put records on a bounded
 * queue, Connect's {@link #poll()} takes them off in batches.
 *
 * <p>A subclass parses its config ({@link #parseConfig}) and starts its readers
 * ({@link #startReading}, with {@link #startReader}). A reader loops while {@link #running()}, builds
 * records with {@link #record}, hands them over with {@link #emit} (which blocks while the queue is
 * full), sends a payload it cannot parse to the dead-letter topic with {@link #deadLetter}, counts an
 * upstream failure with {@link #upstreamError}, and waits between polls with {@link #pause} (which
 * returns at once on stop).
 *
 * <p>Offsets are Connect source offsets: each record carries its source partition and offset, Connect
 * commits them once Kafka has the record, and a restarted task reads them back with
 * {@link #storedOffset}. A record still queued at stop is neither written nor committed, so it is read
 * again after a restart.
 *
 * <p>{@link #start} and {@link #stop} are idempotent; stop interrupts the readers, waits for them
 * ({@value IngestSourceConfig#SHUTDOWN_TIMEOUT_MS}), then calls {@link #stopReading}. A reader that
 * dies of an unexpected exception fails the task on the next poll, so the failure shows in the
 * connector's status instead of the task going silent.
 *
 * @param <C> the connector's config class
 */
public abstract class QueueingSourceTask<C extends IngestSourceConfig> extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(QueueingSourceTask.class);
    /** Largest payload kept in a dead letter; a bigger one is cut (and says so in its headers). */
    static final int MAX_DEAD_LETTER_PAYLOAD = 512 * 1024;

    private enum State { NEW, RUNNING, STOPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<Thread> readers = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    private final AvroConnectData connectData = new AvroConnectData();
    private volatile BlockingQueue<SourceRecord> queue = new ArrayBlockingQueue<>(1);
    private final SourceTaskMetrics metrics = new SourceTaskMetrics(() -> queue.size());
    private C config;
    private String stage;

    /** A reader's body: runs until {@link #running()} turns false; may throw on a bug, never on bad input. */
    @FunctionalInterface
    protected interface Reader {
        void run() throws Exception;
    }

    /** Parses and validates the task's properties. */
    protected abstract C parseConfig(Map<String, String> props);

    /** Starts reading: typically one {@link #startReader} per upstream source. Called once, from {@link #start}. */
    protected abstract void startReading(C config) throws Exception;

    /** Releases what {@link #startReading} acquired, after the readers stopped. Called once. */
    protected void stopReading() {
    }

    @Override
    public String version() {
        return IngestSourceConnector.VERSION;
    }

    @Override
    public final void start(Map<String, String> props) {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            if (state.get() == State.RUNNING) {
                log.warn("{} already started; ignoring a second start", getClass().getSimpleName());
                return;
            }
            throw new IllegalStateException("a stopped task cannot start again; Connect creates a new one");
        }
        config = parseConfig(props);
        stage = "ingest/" + props.getOrDefault("name", getClass().getSimpleName());
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        metrics.register(pluginMetrics());
        try {
            startReading(config);
        } catch (Exception e) {
            stop();
            throw new ConnectException(stage + " failed to start: " + e.getMessage(), e);
        }
    }

    private org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        if (context == null) {
            return null;
        }
        try {
            return context.pluginMetrics();
        } catch (AbstractMethodError | NoSuchMethodError e) {
            // A worker older than Kafka 4.1 has no plugin metrics; the task runs, unmetered in JMX.
            log.info("{}: this Connect worker has no plugin metrics (Kafka < 4.1); metrics only in-process", stage);
            return null;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        failIfAReaderDied();
        if (state.get() != State.RUNNING) {
            return null;
        }
        SourceRecord first = queue.poll(config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            failIfAReaderDied();
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(config.pollMaxRecords(), queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, config.pollMaxRecords() - 1);
        return batch;
    }

    private void failIfAReaderDied() {
        Throwable failure = readerFailure.get();
        if (failure != null) {
            throw new ConnectException(stage + " reader failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        // metadata is null when a transform dropped the record; dead letters were counted when emitted.
        if (metadata != null && !Objects.equals(record.topic(), config.deadLetterTopic())) {
            metrics.recordWritten(System.currentTimeMillis());
        }
    }

    @Override
    public final void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        stopping.countDown();
        readers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + (config == null ? 0 : config.shutdownTimeout().toNanos());
        for (Thread reader : readers) {
            try {
                reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (reader.isAlive()) {
                log.warn("{}: reader {} did not stop within {}", stage, reader.getName(), config.shutdownTimeout());
            }
        }
        try {
            if (previous == State.RUNNING) {
                stopReading();
            }
        } finally {
            metrics.unregister();
        }
    }

    // ------------------------------------------------------------------ for subclasses

    /** The parsed config; null before {@link #start}. */
    protected final C config() {
        return config;
    }

    /** {@code ingest/<connector name>}: where dead letters say they were rejected. */
    protected final String stage() {
        return stage;
    }

    /** True until {@link #stop}; readers loop on it. */
    protected final boolean running() {
        return state.get() == State.RUNNING;
    }

    public final SourceTaskMetrics metrics() {
        return metrics;
    }

    /** Starts a daemon reader thread running {@code body}. */
    protected final void startReader(String name, Reader body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop() interrupted a blocking call: a normal end
            } catch (Throwable e) {
                if (running()) {
                    log.error("{}: reader {} failed; the task fails on its next poll", stage, name, e);
                    readerFailure.compareAndSet(null, e);
                }
            }
        }, "blastradius-" + stage.replace('/', '-') + "-" + name);
        thread.setDaemon(true);
        readers.add(thread);
        thread.start();
    }

    /**
     * Hands a record to Connect, blocking while the queue is full.
     *
     * @return false when the task stopped before the record could be queued (it is then dropped, and
     *     its offset not committed)
     * @throws InterruptedException when stop() interrupts the wait
     */
    protected final boolean emit(SourceRecord record) throws InterruptedException {
        while (running()) {
            if (queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits {@code duration} unless the task stops first.
     *
     * @return true when the full time passed, false when the task is stopping
     */
    protected final boolean pause(Duration duration) throws InterruptedException {
        return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS) && running();
    }

    /**
     * A record for the connector's topic: the key as a string, the value as the Struct of a generated
     * Avro record (written back as exactly that type by {@link AvroConverter}), the record timestamp
     * set to the event time.
     */
    protected final SourceRecord record(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String key,
            SpecificRecord value, Instant eventTime) {
        Struct struct = connectData.toConnect(value);
        return new SourceRecord(sourcePartition, sourceOffset, config.topic(), null, Schema.OPTIONAL_STRING_SCHEMA, key,
                struct.schema(), struct, eventTime == null ? null : eventTime.toEpochMilli());
    }

    /**
     * Sends a payload that could not be parsed to the dead-letter topic, with the cause, and counts it
     * as skipped. The dead letter carries the payload's source offset, so the offset moves past it and
     * a restart does not read it again. With dead letters turned off the payload is logged and dropped.
     *
     * @param key what identifies the payload upstream (a URL, a feed id), kept as the dead letter's key
     * @return false when the task stopped first
     */
    protected final boolean deadLetter(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String key,
            byte[] payload, Throwable cause) throws InterruptedException {
        metrics.payloadSkipped();
        String topic = config.deadLetterTopic();
        if (topic == null) {
            log.warn("{}: dropped a payload from {} that cannot be parsed: {}", stage, key, cause.toString());
            return true;
        }
        log.warn("{}: payload from {} cannot be parsed, sent to {}: {}", stage, key, topic, cause.toString());
        Map<String, String> headers = new HashMap<>();
        headers.put("source.partition", String.valueOf(sourcePartition));
        headers.put("source.offset", String.valueOf(sourceOffset));
        byte[] kept = payload;
        if (payload != null && payload.length > MAX_DEAD_LETTER_PAYLOAD) {
            kept = java.util.Arrays.copyOf(payload, MAX_DEAD_LETTER_PAYLOAD);
            headers.put("payload.truncated.from", String.valueOf(payload.length));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(stage)
                .setErrorType(cause.getClass().getName())
                .setErrorMessage(String.valueOf(cause.getMessage()))
                .setFailedAt(Instant.now())
                .setKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
                .setValue(kept == null ? null : ByteBuffer.wrap(kept))
                .setHeaders(headers)
                .build();
        Struct struct = connectData.toConnect(letter);
        return emit(new SourceRecord(sourcePartition, sourceOffset, topic, null, Schema.OPTIONAL_STRING_SCHEMA, key,
                struct.schema(), struct, letter.getFailedAt().toEpochMilli()));
    }

    /** Counts an upstream failure (unreachable source, error answer, timeout) and logs it. */
    protected final void upstreamError(String what, Throwable cause) {
        metrics.error(System.currentTimeMillis());
        log.warn("{}: {}: {}", stage, what, cause == null ? "" : cause.toString());
    }

    /** The offset Connect last committed for {@code sourcePartition}; empty when there is none. */
    protected final Map<String, Object> storedOffset(Map<String, ?> sourcePartition) {
        if (context == null || context.offsetStorageReader() == null) {
            return Map.of();
        }
        Map<String, Object> offset = context.offsetStorageReader().offset(sourcePartition);
        return offset == null ? Map.of() : offset;
    }
}
