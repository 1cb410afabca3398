package io.blastradius.schemas.topic;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names of every topic blastradius reads or writes, derived from one prefix so that several
 * deployments (or tests) can share a cluster. Creation settings live in {@link #definitions(int)}.
 *
 * <p>{@code alertDeadLetters} holds alerts the alert subscribers could not deliver ({@code AlertDeadLetter});
 * {@code outageAlertsJson} the JSON form of {@code outageAlerts} that a subscriber may publish for
 * consumers without Avro (see docs/alerts.md).
 */
public record TopicNames(
        String statusEvents,
        String socialSignals,
        String probeResults,
        String serviceDependencies,
        String services,
        String serviceHealth,
        String outages,
        String outageAlerts,
        String deadLetters,
        String alertDeadLetters,
        String outageAlertsJson) {

    public static final String DEFAULT_PREFIX = "blastradius.";

    public TopicNames {
        Objects.requireNonNull(statusEvents);
        Objects.requireNonNull(socialSignals);
        Objects.requireNonNull(probeResults);
        Objects.requireNonNull(serviceDependencies);
        Objects.requireNonNull(services);
        Objects.requireNonNull(serviceHealth);
        Objects.requireNonNull(outages);
        Objects.requireNonNull(outageAlerts);
        Objects.requireNonNull(deadLetters);
        Objects.requireNonNull(alertDeadLetters);
        Objects.requireNonNull(outageAlertsJson);
    }

    public static TopicNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    /** Every name as {@code <prefix><topic>}, e.g. {@code blastradius.probe-results}. */
    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(prefix + "status-events", prefix + "social-signals", prefix + "probe-results",
                prefix + "service-dependencies", prefix + "services", prefix + "service-health", prefix + "outages",
                prefix + "outage-alerts", prefix + "dead-letters", prefix + "alert-dead-letters",
                prefix + "outage-alerts-json");
    }

    public List<String> all() {
        return List.of(statusEvents, socialSignals, probeResults, serviceDependencies, services, serviceHealth, outages,
                outageAlerts, deadLetters, alertDeadLetters, outageAlertsJson);
    }

    /**
     * How each topic is created. Inputs and outputs keep records forever ({@code retention.ms=-1}):
     * replays carry event times from the past, and time-based retention judged on those timestamps
     * would delete them mid-run. The catalog topics (dependencies, services) and the outage topic are compacted: the latest record per
     * key is the current state.
     */
    public List<TopicDefinition> definitions(int partitions) {
        Map<String, String> keepForever = Map.of("retention.ms", "-1", "cleanup.policy", "delete");
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "retention.ms", "-1");
        return List.of(
                new TopicDefinition(statusEvents, partitions, keepForever),
                new TopicDefinition(socialSignals, partitions, keepForever),
                new TopicDefinition(probeResults, partitions, keepForever),
                new TopicDefinition(serviceDependencies, partitions, compacted),
                new TopicDefinition(services, partitions, compacted),
                new TopicDefinition(serviceHealth, partitions, keepForever),
                new TopicDefinition(outages, partitions, compacted),
                new TopicDefinition(outageAlerts, partitions, keepForever),
                new TopicDefinition(deadLetters, 1, keepForever),
                new TopicDefinition(alertDeadLetters, 1, keepForever),
                // keyed by outage id like outage-alerts, so one outage's JSON alerts stay in order too
                new TopicDefinition(outageAlertsJson, partitions, keepForever));
    }

    /** A topic to create: name, partition count and topic-level configs. */
    public record TopicDefinition(String name, int partitions, Map<String, String> configs) {
        public TopicDefinition {
            Objects.requireNonNull(name);
            configs = Map.copyOf(configs);
        }
    }
}
