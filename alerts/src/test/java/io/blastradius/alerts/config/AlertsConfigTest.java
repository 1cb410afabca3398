package io.blastradius.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.OutageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {

    private static Map<String, String> base() {
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", "127.0.0.1:9092");
        c.put("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
        c.put("destinations", "ops,slack,pd");
        c.put("destination.ops.type", "webhook");
        c.put("destination.ops.url", "https://hooks.example.test/alerts");
        c.put("destination.ops.secret", "${OPS_SECRET}");
        c.put("destination.ops.header.Authorization", "Bearer ${OPS_TOKEN:-none}");
        c.put("destination.slack.type", "slack");
        c.put("destination.slack.url", "${SLACK_WEBHOOK_URL}");
        c.put("destination.slack.filter.providers", "aws, gcp");
        c.put("destination.slack.filter.min.confidence", "0.8");
        c.put("destination.pd.type", "pagerduty");
        c.put("destination.pd.routing.key", "${PD_ROUTING_KEY}");
        return c;
    }

    private static final Map<String, String> ENV = Map.of("OPS_SECRET", "hmac-key",
            "SLACK_WEBHOOK_URL", "https://hooks.slack.test/services/T0/B0/XXXX", "PD_ROUTING_KEY", "rk");

    @Test
    void readsDestinationsWithTheirFiltersAndSecretsFromTheEnvironment() {
        AlertsConfig config = new AlertsConfig(base(), ENV);

        assertThat(config.destinations()).extracting(DestinationConfig::name).containsExactly("ops", "slack", "pd");
        DestinationConfig ops = config.destinations().get(0);
        assertThat(ops.type()).isEqualTo(DestinationType.WEBHOOK);
        assertThat(new String(ops.secret())).isEqualTo("hmac-key");
        assertThat(ops.headers()).containsEntry("Authorization", "Bearer none");
        DestinationConfig slack = config.destinations().get(1);
        assertThat(slack.url().getHost()).isEqualTo("hooks.slack.test");
        assertThat(slack.providers()).containsExactly("aws", "gcp");
        assertThat(slack.minConfidence()).isEqualTo(0.8);
        assertThat(slack.states()).hasSize(5);
        DestinationConfig pd = config.destinations().get(2);
        assertThat(pd.routingKey()).isEqualTo("rk");
        assertThat(pd.url().toString()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
        assertThat(pd.states()).doesNotContain(OutageState.SUSPECTED).contains(OutageState.RESOLVED);
        assertThat(config.groupId()).isEqualTo("blastradius-alerts");
        assertThat(config.topicNames().alertDeadLetters()).isEqualTo("blastradius.alert-dead-letters");
    }

    @Test
    void namesTheKeyButNotTheValueWhenAVariableIsMissing() {
        Map<String, String> env = new HashMap<>(ENV);
        env.remove("SLACK_WEBHOOK_URL");
        assertThatThrownBy(() -> new AlertsConfig(base(), env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("destination.slack.url")
                .hasMessageContaining("SLACK_WEBHOOK_URL");
    }

    @Test
    void secretsDoNotShowInTheConfigurationsText() {
        AlertsConfig config = new AlertsConfig(base(), ENV);
        assertThat(config.destinations().get(0).toString()).doesNotContain("hmac-key");
        assertThat(config.destinations().get(1).toString()).doesNotContain("XXXX");
    }

    @Test
    void rejectsUnknownKeysDestinationsNotListedAndMissingRequiredSettings() {
        Map<String, String> typo = base();
        typo.put("destination.slack.filter.provider", "aws");
        assertThatThrownBy(() -> new AlertsConfig(typo, ENV)).hasMessageContaining("destination.slack.filter.provider");

        Map<String, String> unlisted = base();
        unlisted.put("destination.teams.type", "webhook");
        assertThatThrownBy(() -> new AlertsConfig(unlisted, ENV)).hasMessageContaining("teams");

        Map<String, String> noKey = base();
        noKey.remove("destination.pd.routing.key");
        assertThatThrownBy(() -> new AlertsConfig(noKey, ENV)).hasMessageContaining("destination.pd.routing.key");

        Map<String, String> badState = base();
        badState.put("destination.ops.filter.states", "CONFIRMED,DOWN");
        assertThatThrownBy(() -> new AlertsConfig(badState, ENV)).hasMessageContaining("DOWN");

        Map<String, String> topLevel = base();
        topLevel.put("comit.interval.ms", "5");
        assertThatThrownBy(() -> new AlertsConfig(topLevel, ENV)).hasMessageContaining("comit.interval.ms");

        Map<String, String> reserved = base();
        reserved.put("destinations", "ops,slack,pd,json-topic");
        reserved.put("destination.json-topic.type", "webhook");
        reserved.put("destination.json-topic.url", "https://hooks.example.test/json");
        assertThatThrownBy(() -> new AlertsConfig(reserved, ENV)).hasMessageContaining("reserved for the JSON topic");

        Map<String, String> nothing = base();
        nothing.keySet().removeIf(k -> k.startsWith("destination"));
        assertThatThrownBy(() -> new AlertsConfig(nothing, ENV)).hasMessageContaining("nothing to deliver to");
    }

    @Test
    void loadsAPropertiesFileWithOverridesOnTop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alerts.properties");
        StringBuilder text = new StringBuilder();
        base().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
        AlertsConfig config = AlertsConfig.load(file, ENV, Map.of("group.id", "oncall"));
        assertThat(config.groupId()).isEqualTo("oncall");
        assertThat(config.destinations()).hasSize(3);
    }

    @Test
    void theShippedExampleFileIsValid() throws Exception {
        Path example = Path.of("src/main/config/alerts.example.properties");
        Map<String, String> env = Map.of("OPS_WEBHOOK_URL", "https://ops.example.test/hook", "OPS_WEBHOOK_SECRET", "k",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.test/services/T0/B0/XXXX", "PAGERDUTY_ROUTING_KEY", "rk");
        AlertsConfig config = AlertsConfig.load(example, env, Map.of());
        assertThat(config.destinations()).isNotEmpty();
    }
}
