package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {

    @Test
    void rejectsTwoListenersOnOnePort() {
        assertThatThrownBy(() -> new LocalStackConfig(Map.of("kafka.port", "8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.port and registry.port are both 8081");
    }

    @Test
    void portZeroMeansAnyFreePortAndMayRepeat() {
        LocalStackConfig config = new LocalStackConfig(Map.of("kafka.port", "0", "kafka.controller.port", "0",
                "registry.port", "0"));

        assertThat(config.kafkaPort()).isZero();
    }

    @Test
    void brokerSettingsArePassedOnWithoutTheirPrefix() {
        LocalStackConfig config = new LocalStackConfig(Map.of("kafka.broker.num.partitions", "6"));

        assertThat(config.brokerOverrides()).containsExactly(Map.entry("num.partitions", "6"));
    }

    @Test
    void connectorsFilesAreACommaSeparatedListAndNoneByDefault() {
        assertThat(new LocalStackConfig(Map.of()).connectorsConfig()).isEmpty();
        assertThat(new LocalStackConfig(Map.of("connectors.config", "deploy/config/live-status.properties, live-social.properties"))
                .connectorsConfig()).containsExactly(Path.of("deploy/config/live-status.properties"),
                        Path.of("live-social.properties"));
    }

    @Test
    void rejectsAnUnknownCompatibilityLevel() {
        assertThatThrownBy(() -> new LocalStackConfig(Map.of("registry.compatibility", "SOMETIMES")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void topicNamesFollowThePrefix() {
        LocalStackConfig config = new LocalStackConfig(Map.of("topics.prefix", "staging."));

        assertThat(config.topicNames().probeResults()).isEqualTo("staging.probe-results");
    }

    @Test
    void replaysTheAwsOutageAtSixtyTimesUnlessToldOtherwise() {
        LocalStackConfig defaults = new LocalStackConfig(Map.of());

        assertThat(defaults.replayScenario()).contains("aws-2025-10-20");
        assertThat(defaults.replaySpeed()).isEqualTo("60");
        assertThat(new LocalStackConfig(Map.of("replay.scenario", "None")).replayScenario()).isEmpty();
    }

    @Test
    void rejectsASpeedThatIsNotAFactorRealtimeOrMax() {
        assertThatThrownBy(() -> new LocalStackConfig(Map.of("replay.speed", "fast-ish")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("replay.speed");
        assertThatThrownBy(() -> new LocalStackConfig(Map.of("replay.speed", "-5")))
                .isInstanceOf(ConfigException.class);
    }
}
