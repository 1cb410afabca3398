package io.blastradius.streams.topology;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 for one input topic: decodes the raw bytes, checks what the rest of the topology relies
 * on, and forwards the projection the later stages need, re-timestamped with the event time.
 * Anything malformed becomes a {@link DeadLetter} with its cause and source coordinates, and
 * processing goes on. A registry that cannot be reached is not the record's fault: that error is
 * thrown, so the record is retried rather than dead-lettered.
 */
abstract class InputValidator<T> implements Processor<byte[], byte[], String, Ingress> {
    private static final Logger LOG = LoggerFactory.getLogger(InputValidator.class);
    static final Pattern SERVICE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** Nothing this project observes happened before 2000. */
    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    static final long DAY = 24 * 3_600_000L;
    /** Clock skew allowed between a source's event time and our ingest time before the record stops driving the clock. */
    static final long PLAUSIBLE_SKEW = 120_000L;

    /** How many validated ids (services, scopes) a validator remembers before it starts over. */
    static final int CACHED_IDS = 10_000;

    private final String stage;
    private final Deserializer<T> deserializer;
    private final Set<String> validServices = new HashSet<>();
    private ProcessorContext<String, Ingress> context;

    InputValidator(String stage, Deserializer<T> deserializer) {
        this.stage = stage;
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<String, Ingress> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (record.value() == null) {
            deadLetter(record, "EmptyValue", "no value (a tombstone on an event topic)");
            return;
        }
        T value;
        try {
            value = deserializer.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException sre && !sre.notFound()) {
                throw e;
            }
            deadLetter(record, "SerializationException", e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetter(record, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try {
            route(key, value, record);
        } catch (InvalidRecordException e) {
            deadLetter(record, e.errorType(), e.getMessage());
        }
    }

    /** The partition of this task: the correlation stage aligns event time per upstream task. */
    int source() {
        return context.taskId().partition();
    }

    /** Validates {@code value} and forwards what the later stages need (see {@link #forward}). */
    abstract void route(String key, T value, Record<byte[], byte[]> record);

    void forward(String key, Ingress ingress, long eventTime, Record<byte[], byte[]> original) {
        context.forward(new Record<>(key, ingress, eventTime, original.headers()));
    }

    /** Event time must be after 2000 and at most a day after the record's own ingest time. */
    static long checkTime(Instant eventTime, Instant ingestTime, String what) {
        if (eventTime == null) {
            throw new InvalidRecordException("MissingField", what + " is missing");
        }
        long t = eventTime.toEpochMilli();
        if (t < EARLIEST) {
            throw new InvalidRecordException("AbsurdTimestamp", what + " " + eventTime + " is before 2000");
        }
        if (ingestTime != null && ingestTime.toEpochMilli() >= EARLIEST && t > ingestTime.toEpochMilli() + DAY) {
            throw new InvalidRecordException("AbsurdTimestamp", what + " " + eventTime
                    + " is more than a day after the ingest time " + ingestTime);
        }
        return t;
    }

    /** Whether the event time may drive event-time progress (not after its ingest time beyond clock skew). */
    static boolean plausible(long eventTime, Instant ingestTime) {
        return ingestTime == null || ingestTime.toEpochMilli() < EARLIEST || eventTime <= ingestTime.toEpochMilli() + PLAUSIBLE_SKEW;
    }

    /**
     * {@link #serviceId} for this task: ids that passed before are not matched again (a few hundred
     * services send every record); bounded, as the ids come from the input.
     */
    String knownServiceId(String id, String what) {
        if (id != null && validServices.contains(id)) {
            return id;
        }
        String valid = serviceId(id, what);
        if (validServices.size() >= CACHED_IDS) {
            validServices.clear();
        }
        validServices.add(valid);
        return valid;
    }

    static String serviceId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new InvalidRecordException("MissingField", what + " is empty");
        }
        if (!SERVICE_ID.matcher(id).matches()) {
            throw new InvalidRecordException("InvalidServiceId", what + " '" + id + "' is not a catalog id ([a-z0-9][a-z0-9._-]*)");
        }
        return id;
    }

    private void deadLetter(Record<byte[], byte[]> record, String errorType, String message) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), headerText(h.value()));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(meta == null ? null : meta.topic())
                .setPartition(meta == null ? null : meta.partition())
                .setOffset(meta == null ? null : meta.offset())
                .setStage(stage)
                .setErrorType(errorType)
                .setErrorMessage(message == null ? errorType : message)
                .setRecordTimestamp(record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null)
                .setFailedAt(Instant.now()) // the schema asks for wall-clock time of the rejection; not detection logic
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(headers)
                .build();
        LOG.debug("dead letter from {} at {}: {} {}", stage, meta, errorType, message);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        context.forward(new Record<>(key, new Ingress(Ingress.Route.DEAD_LETTER, letter), record.timestamp()));
    }

    private static String headerText(byte[] value) {
        if (value == null) {
            return "";
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(ByteBuffer.wrap(value)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
