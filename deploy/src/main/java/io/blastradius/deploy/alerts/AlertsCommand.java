package io.blastradius.deploy.alerts;

import io.blastradius.alerts.config.AlertsConfig;
import io.blastradius.alerts.config.DestinationConfig;
import io.blastradius.alerts.subscriber.AlertSubscriber;
import io.blastradius.deploy.BlastradiusCli;
import io.blastradius.deploy.local.LocalCommand.DurationConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blastradius alerts}: an alert subscriber against an existing cluster and registry, until
 * Ctrl-C. Settings: docs/alerts.md.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BlastradiusCli.Version.class,
        description = {
            "Delivers outage alerts from the alert topic to webhooks, Slack and PagerDuty, as its own consumer group: "
                + "at least once, with idempotency keys, retries, per-outage order and a dead-letter topic. "
                + "See docs/alerts.md for the settings.",
            "",
            "${NAME} in the file is replaced with the environment variable NAME (keep secrets there)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped cleanly (or --check passed)", "1:the subscriber failed", "2:invalid settings"})
public final class AlertsCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The subscriber's properties file.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, over the file's, e.g. --set bootstrap.servers=127.0.0.1:9092.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--check", description = "Check the settings, list the destinations and their filters, and exit.")
    boolean check;

    @Option(names = "--exit-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop by itself after this long (e.g. 30s, 5m); for scripts.")
    Duration exitAfter;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    /** @param environment the process environment, for the placeholders (tests pass their own) */
    public AlertsCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AlertsConfig config;
        try {
            config = AlertsConfig.load(configFile, environment, settings);
        } catch (ConfigException e) {
            err.println("invalid settings: " + e.getMessage());
            return 2;
        }
        out.printf("alert subscriber %s reading %s%n", config.groupId(), config.topicNames().outageAlerts());
        for (DestinationConfig d : config.destinations()) {
            out.printf("  %-20s %-10s states %s%s%s%s%s%n", d.name(), d.type().id(), d.states(),
                    d.providers().isEmpty() ? "" : ", providers " + d.providers(),
                    d.regions().isEmpty() ? "" : ", regions " + d.regions(),
                    d.services().isEmpty() ? "" : ", services " + d.services(),
                    d.minConfidence() > 0 ? ", confidence >= " + d.minConfidence() : "");
        }
        if (config.jsonTopicEnabled()) {
            out.printf("  %-20s %s%n", "json-topic", config.topicNames().outageAlertsJson());
        }
        out.printf("  dead letters to %s%n", config.topicNames().alertDeadLetters());
        out.flush();
        if (check) {
            return 0;
        }
        AlertSubscriber subscriber = AlertSubscriber.create(config);
        Thread onCtrlC = new Thread(subscriber::close, "blastradius-alerts-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            subscriber.start();
            boolean stoppedByItself = subscriber.awaitStop(exitAfter == null ? Duration.ofDays(365 * 100L) : exitAfter);
            if (!stoppedByItself) {
                subscriber.close();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
                subscriber.awaitStop(Duration.ofMinutes(1));
            }
        }
        out.println("alert subscriber stopped: " + subscriber.stats());
        out.flush();
        if (subscriber.failure() != null) {
            err.println("the alert subscriber failed: " + subscriber.failure());
            return 1;
        }
        return 0;
    }
}
