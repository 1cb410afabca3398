package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.connect.ConnectorConfigFile;
import io.blastradius.schemas.topic.TopicNames;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the local stack reads a connectors file. Contacts nothing. */
class ConnectorsPartTest {
    private static final TopicNames STACK = TopicNames.withPrefix("mine.");

    @Test
    void pointsDefaultTopicsGivenOrImpliedAtTheStacksTopicsOfTheSameRole() {
        Map<String, Map<String, String>> file = ConnectorConfigFile.parse(Map.of(
                "connectors", "probe,status",
                "probe.connector.class", "io.blastradius.ingest.probe.ProbeSourceConnector",
                "probe.vantage.id", "here",
                "status.connector.class", "io.blastradius.ingest.status.connect.GcpStatusSourceConnector",
                "status.topic", "blastradius.status-events"), "test");

        Map<String, Map<String, String>> local = ConnectorsPart.forStack(file, STACK);

        assertThat(local.get("probe")).containsEntry("topic", "mine.probe-results")
                .containsEntry("dead.letter.topic", "mine.dead-letters")
                .containsEntry("dependencies.topic", "mine.service-dependencies")
                .containsEntry("vantage.id", "here");
        assertThat(local.get("status")).containsEntry("topic", "mine.status-events")
                .containsEntry("dead.letter.topic", "mine.dead-letters");
    }

    @Test
    void keepsATopicTheFileNamesThatIsNotADefaultOne() {
        Map<String, Map<String, String>> file = ConnectorConfigFile.parse(Map.of(
                "connectors", "status",
                "status.connector.class", "io.blastradius.ingest.status.connect.GcpStatusSourceConnector",
                "status.topic", "elsewhere.status",
                "status.dead.letter.topic", ""), "test");

        assertThat(ConnectorsPart.forStack(file, STACK).get("status")).containsEntry("topic", "elsewhere.status")
                .containsEntry("dead.letter.topic", "");
    }

    @Test
    void namesTheConnectorWhoseClassIsMissing() {
        Map<String, Map<String, String>> file = ConnectorConfigFile.parse(Map.of(
                "connectors", "typo",
                "typo.connector.class", "io.blastradius.ingest.status.connect.NoSuchConnector"), "test");

        assertThatThrownBy(() -> ConnectorsPart.forStack(file, STACK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connector 'typo'").hasMessageContaining("NoSuchConnector");
    }

    @Test
    void readsTheLiveStatusFileWithEveryConnectorOnTheStacksStatusTopic() throws Exception {
        Map<String, Map<String, String>> live = ConnectorsPart.forStack(
                ConnectorConfigFile.load(Path.of("config", "live-status.properties")), STACK);

        assertThat(live).hasSizeGreaterThanOrEqualTo(5);
        assertThat(live.values()).allSatisfy(c -> assertThat(c).containsEntry("topic", "mine.status-events")
                .containsEntry("dead.letter.topic", "mine.dead-letters"));
    }

    @Test
    void doesNothingWithoutAConnectorsFile() throws Exception {
        StackContext context = new StackContext(new LocalStackConfig(Map.of()));
        ConnectorsPart part = new ConnectorsPart();

        part.start(context); // would fail on the missing broker if it started a worker
        part.stop();

        assertThat(context.endpoints()).isEmpty();
    }
}
