package io.blastradius.evaluation.recording;

import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.signal.SignalSink;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.topic.Topic;
import io.blastradius.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run from its Kafka topics with the project's deserializers: the pipeline's output (outage
 * versions and alerts) and, for the timelines, the three input signal streams. A record that does not
 * decode is logged and kept in {@link #unreadable()} with its coordinates and cause.
 */
public final class KafkaOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutputs.class);

    private final TopicSnapshotReader reader;
    private final Topics topics;
    private final List<UnreadableRecord> unreadable = new ArrayList<>();

    public KafkaOutputs(TopicSnapshotReader reader, Topics topics) {
        this.reader = reader;
        this.topics = topics;
    }

    /** Every outage version and alert on the output topics now. */
    public PipelineOutput readOutput() {
        List<Outage> versions = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        read(topics.outages(), versions::add);
        read(topics.outageAlerts(), alerts::add);
        return new PipelineOutput(versions, alerts);
    }

    /**
     * Feeds the three signal streams to {@code sink}. Record timestamps are event time (a project
     * rule), so records outside what the sink wants are skipped without decoding.
     */
    public void replaySignals(SignalSink sink) {
        readIf(topics.statusEvents(), sink, sink::status);
        readIf(topics.socialSignals(), sink, sink::social);
        readIf(topics.probeResults(), sink, sink::probe);
    }

    /** Records that could not be decoded so far. */
    public List<UnreadableRecord> unreadable() {
        return List.copyOf(unreadable);
    }

    private <V> void read(Topic<String, V> topic, Consumer<V> each) {
        readIf(topic, null, each);
    }

    private <V> void readIf(Topic<String, V> topic, SignalSink filter, Consumer<V> each) {
        long n = reader.read(topic.name(), record -> {
            if (record.value() == null) {
                return; // a tombstone on a compacted topic removes a key; there is no version to score
            }
            if (filter != null && record.timestampType() == TimestampType.CREATE_TIME
                    && !filter.wants(record.timestamp())) {
                return;
            }
            decode(topic, record).ifPresent(each);
        });
        LOG.debug("read {} records from {}", n, topic.name());
    }

    private <V> Optional<V> decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            return Optional.of(
                    topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value()));
        } catch (SerializationException e) {
            UnreadableRecord bad = new UnreadableRecord(record.topic(), record.partition(), record.offset(), e.getMessage());
            LOG.warn("skipping a record that does not decode: {}", bad);
            unreadable.add(bad);
            return Optional.empty();
        }
    }
}
