package io.blastradius.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.streams.app.BoundedRocksDbConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {
    private static final Map<String, Object> REQUIRED = Map.of(
            StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092",
            StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://config-test");

    @Test
    void processingIsExactlyOnceEvenWhenAKafkaOverrideSaysOtherwise() {
        Map<String, Object> props = new java.util.HashMap<>(REQUIRED);
        props.put("kafka.processing.guarantee", "at_least_once");
        props.put("kafka.commit.interval.ms", "250");
        Properties streams = new StreamsAppConfig(props).streamsProperties();
        assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(streams.get("commit.interval.ms")).isEqualTo("250");
        assertThat(streams.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbConfig.class);
        assertThat(streams.get(BoundedRocksDbConfig.MEMORY_BYTES)).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void detectionThresholdsComeFromTheirKeys() {
        Map<String, Object> props = new java.util.HashMap<>(REQUIRED);
        props.put(StreamsAppConfig.MIN_UNITS, "4");
        props.put(StreamsAppConfig.RESOLVE_QUIET_MINUTES, "30");
        var settings = new StreamsAppConfig(props).detectionSettings();
        assertThat(settings.correlation().minUnits()).isEqualTo(4);
        assertThat(settings.correlation().resolveQuietMinutes()).isEqualTo(30);
    }

    @Test
    void aQuorumOfOneVantageIsRejected() {
        Map<String, Object> props = new java.util.HashMap<>(REQUIRED);
        props.put(StreamsAppConfig.HEALTH_QUORUM_VANTAGES, "1");
        assertThatThrownBy(() -> new StreamsAppConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 2 vantage points");
    }

    @Test
    void onlyRegistryKeysReachTheSerdes() {
        Map<String, Object> props = new java.util.HashMap<>(REQUIRED);
        props.put("auto.register.schemas", "false");
        Map<String, Object> serde = new StreamsAppConfig(props).serdeConfig();
        assertThat(serde).containsOnlyKeys("schema.registry.url", "auto.register.schemas");
    }

    @Test
    void theTopicPrefixNamesEveryTopic() {
        Map<String, Object> props = new java.util.HashMap<>(REQUIRED);
        props.put(StreamsAppConfig.TOPIC_PREFIX, "test7.");
        assertThat(new StreamsAppConfig(props).topicNames().probeResults()).isEqualTo("test7.probe-results");
    }
}
