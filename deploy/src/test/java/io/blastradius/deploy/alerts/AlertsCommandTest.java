package io.blastradius.deploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.deploy.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsCommandTest {
    private final CliRun cli = new CliRun();

    private int run(Map<String, String> env, String... args) {
        return cli.run(env, args);
    }

    private static Path file(Path dir) throws Exception {
        Path file = dir.resolve("alerts.properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=127.0.0.1:9092",
                "schema.registry.url=http://127.0.0.1:8081/apis/ccompat/v7",
                "destinations=slack,pd",
                "destination.slack.type=slack",
                "destination.slack.url=${SLACK_WEBHOOK_URL}",
                "destination.slack.filter.providers=aws",
                "destination.pd.type=pagerduty",
                "destination.pd.routing.key=${PD_KEY}",
                "destination.pd.filter.min.confidence=0.8"));
        return file;
    }

    @Test
    void checkListsTheDestinationsWithTheirFiltersAndNoSecrets(@TempDir Path dir) throws Exception {
        int code = run(Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.test/services/T/B/SECRETPART", "PD_KEY", "k3y"),
                "alerts", "--config", file(dir).toString(), "--check", "--set", "group.id=oncall");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("alert subscriber oncall reading blastradius.outage-alerts")
                .containsPattern("slack\\s+slack\\s+states .*providers \\[aws\\]")
                .containsPattern("pd\\s+pagerduty\\s+states \\[CONFIRMED, ACKNOWLEDGED, RECOVERING, RESOLVED\\], confidence >= 0.8")
                .contains("dead letters to blastradius.alert-dead-letters")
                .doesNotContain("SECRETPART").doesNotContain("k3y");
    }

    @Test
    void aMissingSecretIsAnInvalidSetting(@TempDir Path dir) throws Exception {
        int code = run(Map.of("PD_KEY", "k3y"), "alerts", "--config", file(dir).toString(), "--check");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("destination.slack.url").contains("SLACK_WEBHOOK_URL");
    }
}
