package io.blastradius.deploy.local;

import io.blastradius.deploy.BlastradiusCli;
import io.blastradius.deploy.config.LayeredConfig;
import io.blastradius.deploy.config.LayeredConfig.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blastradius local}: the whole system on this machine, in one process (plus the registry's
 * child process), until Ctrl-C.
 */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BlastradiusCli.Version.class,
        description = {
            "Runs blastradius on this machine: a single-node Kafka broker (KRaft, in this JVM), the schema "
                + "registry (Apicurio, a child process), every topic, the streams pipeline with its dashboard, all on "
                + "127.0.0.1; replays a scenario (the 2025-10-20 AWS outage unless told otherwise) into the topics and "
                + "prints each outage the pipeline detects, with its blast radius. Data is kept under the data "
                + "directory across runs. Stops cleanly on Ctrl-C.",
            "",
            "Settings (see README, Configuration) come from defaults < --config file < BLASTRADIUS_* environment "
                + "variables < command-line flags."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped cleanly (or --smoke passed)", "1:failed to start or smoke check failed",
            "2:invalid settings"})
public final class LocalCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(LocalCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file with settings.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Same as --set data.dir=DIR (default: ./data).")
    String dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Same as --set kafka.port=PORT (default 9092; 0 = any free port).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Same as --set registry.port=PORT (default 8081; 0 = any free port).")
    Integer registryPort;

    @Option(names = "--connectors", paramLabel = "FILE[,FILE...]", description = "Same as --set connectors.config=...: run the "
            + "connectors of the files (e.g. deploy/config/live-status.properties) in an in-process Connect worker; "
            + "nothing is replayed then unless --replay names a scenario.")
    String connectors;
    @Option(names = "--replay", paramLabel = "SCENARIO|none",
            description = "Scenario replayed into the topics (default aws-2025-10-20; none = no replay). Same as --set replay.scenario=...")
    String replay;

    @Option(names = "--speed", paramLabel = "N|realtime|max",
            description = "Pace of the replay in simulated seconds per second (default 60). Same as --set replay.speed=...")
    String speed;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set topics.partitions=6.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--exit-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop by itself after this long once up (e.g. 30s, 5m, PT1H); for scripts and CI.")
    Duration exitAfter;

    @Option(names = "--smoke", description = "Start, check the stack end to end (topics, an Avro round trip through "
            + "broker and registry; with a replay, the first outage detected), stop; exit code says whether it passed.")
    boolean smoke;

    @Option(names = "--print-config", description = "Print the effective settings and where each came from, then exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param environment the process environment (tests pass their own) */
    public LocalCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Setting> resolved;
        LocalStackConfig config;
        LayeredConfig layered = new LayeredConfig(LocalStackConfig.configDef(), LocalStackConfig.passThroughPrefixes());
        try {
            resolved = liveDefaults(layered.resolve(configFile, environment, commandLineSettings()));
            config = new LocalStackConfig(LayeredConfig.values(resolved));
        } catch (ConfigException e) {
            err.println("invalid settings: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            resolved.values().forEach(s -> out.printf("%-28s %-40s (%s)%n", s.key(), layered.display(s),
                    s.source().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            return 0;
        }

        LocalStack stack = LocalStack.create(config);
        Thread onCtrlC = new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "blastradius-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            try {
                stack.start();
            } catch (IllegalStateException e) {
                err.println("blastradius local failed to start: " + e.getMessage());
                log.debug("start failure", e);
                return 1;
            }
            printSummary(out, stack, config);
            if (smoke) {
                stack.context().console().attach(out);
                try {
                    String passed = SmokeCheck.run(stack.context());
                    if (stack.part(ReplayPart.class).map(ReplayPart::publishes).orElse(false)) {
                        passed += "; " + awaitDetection(stack, config);
                    }
                    stack.context().console().print(passed);
                } catch (Exception e) {
                    err.println("smoke check FAILED: " + e);
                    log.error("smoke check failed", e);
                    return 1;
                }
            } else if (exitAfter != null) {
                out.println("Stopping by itself in " + exitAfter.toString().substring(2).toLowerCase(Locale.ROOT)
                        + " (or on Ctrl-C).");
                stack.context().console().attach(out);
                stopped.await(exitAfter.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                out.println("Press Ctrl-C to stop.");
                stack.context().console().attach(out);
                stopped.await();
            }
            return 0;
        } finally {
            stack.close();
            stack.context().console().detach();
            out.println("blastradius local stopped.");
            out.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
    }

    /** Ends a running command as Ctrl-C would (for tests that run it in-process). */
    void stop() {
        stopped.countDown();
    }

    /** --set pairs plus the named flags; a flag and a --set of the same key must agree. */
    private Map<String, String> commandLineSettings() {
        Map<String, String> values = new LinkedHashMap<>(settings);
        LayeredConfig.putFlag(values, LocalStackConfig.DATA_DIR, dataDir, "--data-dir");
        LayeredConfig.putFlag(values, LocalStackConfig.KAFKA_PORT, kafkaPort, "--kafka-port");
        LayeredConfig.putFlag(values, LocalStackConfig.REGISTRY_PORT, registryPort, "--registry-port");
        LayeredConfig.putFlag(values, LocalStackConfig.CONNECTORS_CONFIG, connectors, "--connectors");
        LayeredConfig.putFlag(values, LocalStackConfig.REPLAY_SCENARIO, replay, "--replay");
        LayeredConfig.putFlag(values, LocalStackConfig.REPLAY_SPEED, speed, "--speed");
        return values;
    }

    /**
     * With live connectors ({@code connectors.config}), the replay is off unless asked for: a simulated
     * outage replayed into the topics the connectors write would be reported beside the real ones.
     */
    static Map<String, Setting> liveDefaults(Map<String, Setting> resolved) {
        Setting connectorsFile = resolved.get(LocalStackConfig.CONNECTORS_CONFIG);
        Setting replay = resolved.get(LocalStackConfig.REPLAY_SCENARIO);
        if (connectorsFile == null || connectorsFile.value() == null || connectorsFile.value().isBlank() || replay == null
                || replay.source() != LayeredConfig.Source.DEFAULT) {
            return resolved;
        }
        Map<String, Setting> live = new LinkedHashMap<>(resolved);
        live.put(replay.key(), new Setting(replay.key(), LocalStackConfig.NO_REPLAY, LayeredConfig.Source.DEFAULT));
        return live;
    }

    /** Waits for the console to print the first outage; says what it was, or throws when none came. */
    private static String awaitDetection(LocalStack stack, LocalStackConfig config) throws InterruptedException {
        OutageConsolePart console = stack.part(OutageConsolePart.class)
                .orElseThrow(() -> new IllegalStateException("no outage console in this stack"));
        String first = console.awaitFirstDetection(config.smokeDetectionTimeout());
        if (first == null) {
            throw new IllegalStateException("no outage was detected within " + config.smokeDetectionTimeout());
        }
        return "first outage detected: " + first.replaceAll("\\s+", " ");
    }

    private static void printSummary(PrintWriter out, LocalStack stack, LocalStackConfig config) {
        out.printf("blastradius local is up in %.1f s%n", stack.startupTime().toMillis() / 1000.0);
        for (StackContext.Endpoint e : stack.context().endpoints()) {
            out.printf("  %-10s %-48s %s%n", e.name(), e.address(), e.use());
        }
        out.printf("  %-10s %s%n", "data", config.dataDir());
        out.printf("  %-10s %s (%d partitions each; dead letters 1)%n", "topics",
                String.join(", ", config.topicNames().all()), config.topicPartitions());
        out.flush();
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, a bare number of seconds, or ISO-8601 ({@code PT30S}). */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                char unit = v.charAt(v.length() - 1);
                if (Character.isDigit(unit)) {
                    return Duration.ofSeconds(Long.parseLong(v));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (unit) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    default: break;
                }
            } catch (RuntimeException e) {
                // fall through to the error below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 5m, PT1H)");
        }
    }
}
