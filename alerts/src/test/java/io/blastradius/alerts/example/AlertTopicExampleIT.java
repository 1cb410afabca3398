package io.blastradius.alerts.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertTopicExampleIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @Test
    void theReadmesExampleReadsEveryAlertInOrder(KafkaTestContext kafka) {
        kafka.createTopics(kafka.topicNames(), 3);
        Topics topics = Topics.create(kafka.topicNames(), REGISTRY.serdes());
        List<OutageAlert> alerts = AlertFixtures.lifecycle("o1", "aws/us-east-1");
        kafka.produce(topics.outageAlerts(), alerts.stream().map(a -> Map.entry(a.getOutageId(), a)).toList());

        Map<String, Object> config = new HashMap<>(kafka.consumerConfig());
        config.put("schema.registry.url", REGISTRY.url());
        List<String> read = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        AlertTopicExample.read(config, topics.outageAlerts().name(),
                () -> read.size() < 5 && System.nanoTime() < deadline, a -> read.add(a.getAlertId()));

        assertThat(read).containsExactly("o1:1", "o1:2", "o1:3", "o1:4", "o1:5");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/blastradius/alerts/example/AlertTopicExample.java"));
        String code = source.substring(source.indexOf("// README:begin") + "// README:begin".length(),
                source.indexOf("// README:end"));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(normalize(readme)).contains(normalize(code));
    }

    private static String normalize(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
