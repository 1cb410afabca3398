package io.blastradius.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowedCountTopologyTest {
    @TempDir
    java.nio.file.Path state;

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void countsRecordsPerKeyInOneMinuteEventTimeWindowsAcrossTheInputs(boolean inMemory) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-count-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try (TopologyTestDriver driver = new TopologyTestDriver(WindowedCountTopology.build(List.of("a", "b"), "out", inMemory),
                props)) {
            TestInputTopic<byte[], byte[]> a = driver.createInputTopic("a", new ByteArraySerializer(), new ByteArraySerializer());
            TestInputTopic<byte[], byte[]> b = driver.createInputTopic("b", new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], Long> out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new LongDeserializer());
            Instant minute = Instant.parse("2025-03-03T00:00:00Z");
            a.pipeInput(key("coinbase"), new byte[0], minute.plusSeconds(1));
            b.pipeInput(key("coinbase"), new byte[0], minute.plusSeconds(30));
            a.pipeInput(key("infura"), new byte[0], minute.plusSeconds(40));
            a.pipeInput(key("coinbase"), new byte[0], minute.plusSeconds(61));

            assertThat(out.readValuesToList()).containsExactly(1L, 2L, 1L, 1L);
        }
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }
}
