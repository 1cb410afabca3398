package io.blastradius.ingest.status.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.ingest.catalog.World;
import io.blastradius.ingest.connect.ConnectorConfigFile;
import io.blastradius.ingest.catalog.WorldLoader;
import io.blastradius.ingest.status.FeedSource;
import io.blastradius.ingest.status.Subject;
import io.blastradius.ingest.status.statuspage.StatuspagePage;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.scope.ScopeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/** The live-mode file: valid for every connector, and naming what the default world knows. Contacts nothing. */
class LiveStatusConfigTest {
    private static final Path LIVE = Path.of("..", "deploy", "config", "live-status.properties");

    @Test
    void holdsAValidConfigForEveryConnectorItLists() throws Exception {
        Map<String, Map<String, String>> connectors = ConnectorConfigFile.load(LIVE);

        assertThat(connectors).containsOnlyKeys("status-aws-health", "status-gcp", "status-azure", "status-providers",
                "status-services");
        for (Map<String, String> config : connectors.values()) {
            Connector connector = (Connector) Class.forName(config.get("connector.class")).getConstructor().newInstance();
            assertThat(connector.validate(config).configValues()).as(config.get("name"))
                    .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        }
    }

    @Test
    void followsTheCloudProvidersAndAtLeastTwentyServicesOfTheDefaultWorld() throws Exception {
        Map<String, Map<String, String>> connectors = ConnectorConfigFile.load(LIVE);
        World world = WorldLoader.builtIn("default");
        List<StatuspagePage> pages = new ArrayList<>();
        pages.addAll(new StatuspageConfig(connectors.get("status-providers")).pages());
        pages.addAll(new StatuspageConfig(connectors.get("status-services")).pages());

        assertThat(pages.stream().filter(p -> p.subject().type() == SubjectType.SERVICE)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(pages.stream().map(p -> p.subject().id())).contains("cloudflare/global", "github", "discord");
        for (StatuspagePage page : pages) {
            assertKnown(world, page.subject(), page.key());
            for (String rule : page.components().toString().split(";")) {
                if (!rule.isEmpty()) {
                    assertKnown(world, Subject.parse(rule.substring(rule.lastIndexOf('=') + 1)), page.key() + " " + rule);
                }
            }
        }
        assertThat(new AwsHealthConfig(connectors.get("status-aws-health")).sources()).extracting(FeedSource::name)
                .contains("aws-health:currentevents", "aws-health:rss:dynamodb-us-east-1");
        assertThat(new GcpStatusConfig(connectors.get("status-gcp")).sources()).hasSize(1);
        assertThat(new AzureStatusConfig(connectors.get("status-azure")).sources()).hasSize(1);
        assertThat(Files.readString(LIVE)).doesNotContain("127.0.0.1", "localhost");
    }

    private static void assertKnown(World world, Subject subject, String where) {
        if (subject.type() == SubjectType.SERVICE) {
            assertThat(world.service(subject.id())).as("service of %s", where).isPresent();
        } else {
            ScopeId scope = ScopeId.parse(subject.id());
            assertThat(world.provider(scope.provider())).as("provider of %s", where).isPresent();
            if (scope.service() != null) {
                assertThat(world.hasScope(scope)).as("scope %s of %s", scope, where).isTrue();
            }
        }
    }

    @Test
    void rejectsKeysOfConnectorsTheFileDoesNotList() {
        assertThatThrownBy(() -> ConnectorConfigFile.parse(Map.of("connectors", "a", "a.connector.class", "X",
                "b.topic", "t"), "test")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b.topic");
        assertThatThrownBy(() -> ConnectorConfigFile.parse(Map.of("connectors", "a", "a.topic", "t"), "test"))
                .hasMessageContaining("connector.class");
        assertThat(ConnectorConfigFile.parse(Map.of("connectors", "a", "a.connector.class", "X", "a.poll.interval.ms",
                "5"), "test")).containsEntry("a", Map.of("name", "a", "connector.class", "X", "poll.interval.ms", "5"));
    }
}
