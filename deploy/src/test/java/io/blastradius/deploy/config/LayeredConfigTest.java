package io.blastradius.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.deploy.config.LayeredConfig.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredConfigTest {
    private static final ConfigDef DEF = new ConfigDef()
            .define("data.dir", ConfigDef.Type.STRING, "data", ConfigDef.Importance.HIGH, "dir")
            .define("kafka.port", ConfigDef.Type.INT, 9092, ConfigDef.Importance.HIGH, "port")
            .define("topics.partitions", ConfigDef.Type.INT, 3, ConfigDef.Importance.LOW, "partitions");
    private final LayeredConfig layered = new LayeredConfig(DEF, Set.of("kafka.broker."));

    @TempDir
    Path dir;

    @Test
    void laterSourcesWinDefaultsThenFileThenEnvironmentThenCommandLine() throws Exception {
        Path file = Files.writeString(dir.resolve("local.properties"),
                "data.dir=/from/file\nkafka.port=1111\ntopics.partitions=5\n");
        Map<String, String> env = Map.of("BLASTRADIUS_KAFKA_PORT", "2222", "BLASTRADIUS_TOPICS_PARTITIONS", "7");
        Map<String, String> cli = Map.of("topics.partitions", "9");

        var settings = layered.resolve(file, env, cli);

        assertThat(settings.get("data.dir").value()).isEqualTo("/from/file");
        assertThat(settings.get("data.dir").source()).isEqualTo(Source.FILE);
        assertThat(settings.get("kafka.port").value()).isEqualTo("2222");
        assertThat(settings.get("kafka.port").source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(settings.get("topics.partitions").value()).isEqualTo("9");
        assertThat(settings.get("topics.partitions").source()).isEqualTo(Source.COMMAND_LINE);
    }

    @Test
    void defaultsApplyWhenNothingElseSaysOtherwise() {
        var settings = layered.resolve(null, Map.of(), Map.of());

        assertThat(settings.get("kafka.port").value()).isEqualTo("9092");
        assertThat(settings.get("kafka.port").source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void anUnknownKeyInTheFileIsRejectedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.properties"), "kafka.prot=1\n");

        assertThatThrownBy(() -> layered.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.prot")
                .hasMessageContaining("typo.properties");
    }

    @Test
    void anUnknownKeyOnTheCommandLineIsRejected() {
        assertThatThrownBy(() -> layered.resolve(null, Map.of(), Map.of("topic.partitions", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.partitions")
                .hasMessageContaining("topics.partitions");
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        var settings = layered.resolve(null, Map.of("BLASTRADIUS_CI", "1", "PATH", "/bin"), Map.of());

        assertThat(settings).doesNotContainKey("ci");
    }

    @Test
    void passThroughKeysAreAcceptedFromEverySource() throws Exception {
        Path file = Files.writeString(dir.resolve("broker.properties"), "kafka.broker.num.partitions=6\n");
        Map<String, String> env = Map.of("BLASTRADIUS_KAFKA_BROKER_LOG_RETENTION_HOURS", "1");
        Map<String, String> cli = Map.of("kafka.broker.message.max.bytes", "2000000");

        var settings = layered.resolve(file, env, cli);

        assertThat(settings.get("kafka.broker.num.partitions").value()).isEqualTo("6");
        assertThat(settings.get("kafka.broker.log.retention.hours").value()).isEqualTo("1");
        assertThat(settings.get("kafka.broker.message.max.bytes").value()).isEqualTo("2000000");
    }

    @Test
    void environmentNamesFollowTheKey() {
        assertThat(LayeredConfig.environmentName("registry.start.timeout.ms")).isEqualTo("BLASTRADIUS_REGISTRY_START_TIMEOUT_MS");
    }

    @Test
    void anEmptyDefaultPasswordStaysEmptyAndASetOneIsHiddenWhenPrinted() {
        ConfigDef def = new ConfigDef().define("query.api.token", ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.LOW, "t");
        LayeredConfig config = new LayeredConfig(def, Set.of());

        // regression: the default's toString() is "[hidden]", which became the API token of every local stack
        assertThat(config.resolve(null, Map.of(), Map.of()).get("query.api.token").value()).isEmpty();
        LayeredConfig.Setting set = config.resolve(null, Map.of(), Map.of("query.api.token", "s3cret")).get("query.api.token");
        assertThat(set.value()).isEqualTo("s3cret");
        assertThat(config.display(set)).isEqualTo("[hidden]");
    }
}
