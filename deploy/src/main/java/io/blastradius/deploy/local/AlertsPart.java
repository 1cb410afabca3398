package io.blastradius.deploy.local;

import io.blastradius.alerts.config.AlertsConfig;
import io.blastradius.alerts.subscriber.AlertSubscriber;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert subscriber, when {@code alerts.config} names its configuration file: it delivers the
 * stack's outage alerts to the destinations in that file. The stack's broker, registry and topic
 * prefix replace whatever the file says about them. Off by default.
 */
final class AlertsPart implements StackPart {
    private static final Logger log = LoggerFactory.getLogger(AlertsPart.class);

    private final Map<String, String> environment;
    private AlertSubscriber subscriber;

    /** @param environment variables for the {@code ${NAME}} placeholders of the alerts file */
    AlertsPart(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public void start(StackContext context) {
        Path file = context.config().alertsConfig();
        if (file == null) {
            return;
        }
        AlertsConfig config = AlertsConfig.load(file, environment, Map.of(
                AlertsConfig.BOOTSTRAP_SERVERS, context.bootstrapServers(),
                AlertsConfig.SCHEMA_REGISTRY_URL, context.registryUrl(),
                AlertsConfig.TOPICS_PREFIX, context.config().getString(LocalStackConfig.TOPICS_PREFIX)));
        subscriber = AlertSubscriber.create(config).start();
        context.addEndpoint("alerts", config.destinations().stream().map(d -> d.name() + " (" + d.type().id() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("-")
                + (config.jsonTopicEnabled() ? " + " + config.topicNames().outageAlertsJson() : ""),
                "alert subscriber, group " + config.groupId());
    }

    @Override
    public void stop() {
        if (subscriber != null) {
            log.info("stopping the alert subscriber");
            subscriber.close();
            subscriber = null;
        }
    }
}
