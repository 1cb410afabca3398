package io.blastradius.deploy.bench;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * The baseline of the pipeline benchmark: the least a Kafka Streams application does with the same
 * input. It reads the three signal topics as bytes (no Avro), counts records per key in one-minute
 * event-time windows (in the DSL's default RocksDB store, or in memory), and writes every count
 * change to one topic. Same
 * broker, partitions, exactly-once and commit interval as the pipeline, so the gap between the two
 * rates is what the blastradius topology itself costs.
 */
final class WindowedCountTopology {
    static final String STORE = "bench-counts";

    private WindowedCountTopology() {
    }

    /**
     * @param inMemory count in an in-memory window store (changelogged, like the pipeline's working
     *     state) instead of the DSL's default RocksDB one
     */
    static Topology build(List<String> inputs, String output, boolean inMemory) {
        Materialized<byte[], Long, WindowStore<Bytes, byte[]>> store = inMemory
                ? Materialized.<byte[], Long>as(Stores.inMemoryWindowStore(STORE, Duration.ofMinutes(2), Duration.ofMinutes(1), false))
                : Materialized.as(STORE);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-inputs"))
                // the signal topics are keyed already (subject, post id, service): no repartition
                .groupByKey(Grouped.<byte[], byte[]>as("bench-by-key").withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(5)))
                .count(Named.as("bench-count"), store)
                .toStream(Named.as("bench-count-changes"))
                .map((window, count) -> KeyValue.pair(window.key(), count), Named.as("bench-unwindowed"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()).withName("bench-counts-sink"));
        return builder.build();
    }
}
