package io.blastradius.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void refusesToFormatADirectoryThatHoldsSomethingElse() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a broker");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("will not format")
                .hasMessageContaining("notes.txt");
    }

    @Test
    void bindsEveryListenerToLoopback() {
        Properties p = EmbeddedKafkaBroker.brokerProperties(BrokerSettings.inDirectory(dir), 9100, 9101);

        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9100,CONTROLLER://127.0.0.1:9101");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9100");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9101");
    }

    @Test
    void overridesWinOverDefaults() {
        BrokerSettings settings = BrokerSettings.inDirectory(dir).withOverrides(Map.of("num.partitions", "6"));

        assertThat(EmbeddedKafkaBroker.brokerProperties(settings, 1, 2).getProperty("num.partitions")).isEqualTo("6");
    }

    @Test
    void rejectsTheSamePortForBothListeners() {
        assertThatThrownBy(() -> BrokerSettings.inDirectory(dir).withPorts(9200, 9200))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
