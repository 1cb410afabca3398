package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.connect.ConnectorConfigFile;
import io.blastradius.schemas.topic.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** The variables the live files ask for. */
    private static final Map<String, String> LIVE_ENVIRONMENT = Map.of("BLASTRADIUS_SOCIAL_SALT", "a-salt-of-16-bytes-or-more",
            "BLASTRADIUS_VANTAGE_ID", "probe-eu-central", "BLASTRADIUS_VANTAGE_REGION", "eu-central");

    private static List<Path> liveFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            return files.filter(f -> f.getFileName().toString().matches("live-.*\\.properties")).sorted().toList();
        }
    }

    @Test
    void everyLiveFileHoldsValidConnectorConfigsOnceItsVariablesAreSet() throws Exception {
        List<Path> files = liveFiles();
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("live-status.properties", "live-social.properties", "live-probes.properties");

        Map<String, Map<String, String>> all = ConnectorsPart.forStack(ConnectorsPart.load(files, LIVE_ENVIRONMENT), STACK);

        assertThat(all).containsKeys("status-aws-health", "social-mastodon", "social-bluesky", "social-reddit", "probes");
        for (Map<String, String> config : all.values()) {
            Connector connector = (Connector) Class.forName(config.get("connector.class")).getConstructor().newInstance();
            assertThat(connector.validate(config).configValues()).as(config.get("name"))
                    .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
            assertThat(config.values()).as(config.get("name")).noneMatch(v -> v.contains("${"));
        }
        assertThat(all.get("social-reddit")).containsEntry("topic", "mine.social-signals");
        assertThat(all.get("probes")).containsEntry("topic", "mine.probe-results")
                .containsEntry("dependencies.topic", "mine.service-dependencies");
    }

    @Test
    void aLiveFileWhoseVariablesAreNotSetStartsNothingAndSaysWhichOneIsMissing() {
        assertThatThrownBy(() -> ConnectorsPart.load(List.of(Path.of("config", "live-social.properties")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BLASTRADIUS_SOCIAL_SALT is not set");
    }

    @Test
    void refusesAConnectorNameUsedInTwoFiles(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.properties");
        Path b = dir.resolve("b.properties");
        Files.writeString(a, "connectors=gcp\ngcp.connector.class=io.blastradius.ingest.status.connect.GcpStatusSourceConnector\n");
        Files.writeString(b, "connectors=gcp\ngcp.connector.class=io.blastradius.ingest.status.connect.AzureStatusSourceConnector\n");

        assertThatThrownBy(() -> ConnectorsPart.load(List.of(a, b), Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connector 'gcp' is in both");
    }

    @Test
    void doesNothingWithoutAConnectorsFile() throws Exception {
        StackContext context = new StackContext(new LocalStackConfig(Map.of()));
        ConnectorsPart part = new ConnectorsPart(Map.of());

        part.start(context); // would fail on the missing broker if it started a worker
        part.stop();

        assertThat(context.endpoints()).isEmpty();
    }
}
