package io.blastradius.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigFileTest {
    private static final Map<String, Map<String, String>> FILE = ConnectorConfigFile.parse(Map.of(
            "connectors", "reddit",
            "reddit.connector.class", "io.blastradius.ingest.social.reddit.RedditSourceConnector",
            "reddit.author.hash.salt", "${SALT}",
            "reddit.http.user.agent", "blastradius/${VERSION} (by ${CONTACT})",
            "reddit.reddit.subreddits", "${file:/etc/secrets.properties:subs}"), "test");

    @Test
    void fillsPlaceholdersFromTheEnvironmentAndLeavesConnectsOwnReferencesToTheWorker() {
        Map<String, String> reddit = ConnectorConfigFile.withEnvironment(FILE,
                Map.of("SALT", "0123456789abcdef-salt", "VERSION", "0.1", "CONTACT", "ops@example.org")).get("reddit");

        assertThat(reddit).containsEntry("author.hash.salt", "0123456789abcdef-salt")
                .containsEntry("http.user.agent", "blastradius/0.1 (by ops@example.org)")
                .containsEntry("reddit.subreddits", "${file:/etc/secrets.properties:subs}")
                .containsEntry("name", "reddit");
    }

    @Test
    void namesTheConnectorKeyAndVariableThatIsNotSet() {
        assertThatThrownBy(() -> ConnectorConfigFile.withEnvironment(FILE, Map.of("VERSION", "0.1", "CONTACT", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connector 'reddit'").hasMessageContaining("author.hash.salt")
                .hasMessageContaining("SALT is not set");
    }

    @Test
    void takesAValueWithDollarSignsAndBackslashesLiterally() {
        Map<String, String> reddit = ConnectorConfigFile.withEnvironment(FILE,
                Map.of("SALT", "a$1\\b$2-0123456789abcdef", "VERSION", "0.1", "CONTACT", "x")).get("reddit");

        assertThat(reddit).containsEntry("author.hash.salt", "a$1\\b$2-0123456789abcdef");
    }
}
