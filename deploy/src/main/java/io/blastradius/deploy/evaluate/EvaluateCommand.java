package io.blastradius.deploy.evaluate;

import io.blastradius.deploy.config.LayeredConfig;
import io.blastradius.deploy.config.LayeredConfig.Setting;
import io.blastradius.evaluation.run.EvaluationConfig;
import io.blastradius.evaluation.run.EvaluationRunner;
import io.blastradius.evaluation.run.EvaluationRunner.Recorded;
import io.blastradius.evaluation.run.Scenario;
import io.blastradius.evaluation.run.Scenarios;
import io.blastradius.evaluation.run.SimulatorFeeder;
import io.blastradius.evaluation.run.StreamsPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blastradius evaluate}: runs scenarios end to end (simulator into the topics, the pipeline,
 * scoring against the ground truth) and prints the scorecard.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs scenarios through the whole pipeline and scores what it detected against the scenarios' ground "
                + "truth: detection precision and recall, false alarms per day, attribution, time to detect, lead "
                + "over the provider's acknowledgment, blast-radius quality. Prints the scorecard; writes "
                + "scorecard.txt, scorecard.json, one SVG timeline per outage and false alarm, and a recording of "
                + "each run, under --out. Definitions: docs/evaluation.md.",
            "",
            "By default a Kafka broker and the schema registry are started for the run on free loopback ports and "
                + "removed afterwards; --bootstrap-servers and --schema-registry-url use an existing cluster instead "
                + "(each scenario gets topics of its own, deleted once it is scored).",
            "",
            "Settings: evaluation.* keys and pipeline.<streams-app key> (e.g. "
                + "pipeline.detection.outage.min.dependents=4), from defaults < --config file < BLASTRADIUS_* "
                + "environment variables < --set."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every scenario ran and was scored", "1:a scenario failed (see FAILED lines) or the stack "
                + "did not start", "2:invalid arguments or settings, or an invalid scenario"})
public final class EvaluateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
    /** Settings under this prefix go to the pipeline (the streams-app keys), prefix removed. */
    public static final String PIPELINE_PREFIX = "pipeline.";
    private static final Duration PIPELINE_START_TIMEOUT = Duration.ofMinutes(2);

    @Parameters(paramLabel = "SCENARIO", arity = "0..*",
            description = "Scenario files (YAML) or built-in scenario names (see --list).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--suite", paramLabel = "SUITE", arity = "0..1", fallbackValue = Scenarios.BUILT_IN_SUITE,
            description = "Run a suite: a suite file, or a built-in suite by name (default: built-in).")
    String suite;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "evaluation-report",
            description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting one.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible registry of that cluster (required with --bootstrap-servers).")
    String schemaRegistryUrl;

    @Option(names = "--recorded", paramLabel = "DIR",
            description = "Score the recordings of an earlier report directory again, without running anything.")
    Path recorded;

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file with settings.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. --set evaluation.timelines.enabled=false.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--print-config", description = "Print the effective settings and where each came from, then exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    /** @param environment the process environment (tests pass their own) */
    public EvaluateCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            Scenarios.builtInNames().forEach(stdout::println);
            stdout.flush();
            return 0;
        }
        Map<String, Setting> resolved;
        EvaluationConfig config;
        try {
            resolved = new LayeredConfig(EvaluationConfig.configDef(), Set.of(PIPELINE_PREFIX))
                    .resolve(configFile, environment, settings);
            config = new EvaluationConfig(LayeredConfig.values(resolved));
        } catch (ConfigException e) {
            err.println("invalid settings: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            resolved.values().forEach(s -> stdout.printf("%-40s %-30s (%s)%n", s.key(), s.value(),
                    s.source().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            return 0;
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            err.println("--bootstrap-servers and --schema-registry-url go together");
            return 2;
        }
        EvaluationRunner runner = new EvaluationRunner(config, this::stack, new SimulatorFeeder(),
                new StreamsPipeline(pipelineSettings(resolved),
                        Path.of(System.getProperty("java.io.tmpdir"), "blastradius-evaluate-state"), PIPELINE_START_TIMEOUT));
        EvaluationRunner.Result result;
        if (recorded != null) {
            if (!scenarios.isEmpty() || suite != null) {
                err.println("--recorded scores an earlier report; it takes no scenarios");
                return 2;
            }
            List<Recorded> runs = recordings(recorded);
            if (runs.isEmpty()) {
                err.println("no recorded runs under " + recorded + " (expected <scenario>/truth.json and "
                        + "<scenario>/recording/outages.avro)");
                return 2;
            }
            result = runner.scoreRecorded(runs, out);
        } else {
            List<Scenario> selected;
            try {
                selected = selection();
            } catch (RuntimeException e) {
                // an unknown name or an invalid scenario file: nothing has started yet
                err.println(e.getMessage());
                return 2;
            }
            if (selected.isEmpty()) {
                err.println("name a scenario (file or built-in, see --list) or --suite");
                return 2;
            }
            try {
                result = runner.run(selected, out);
            } catch (IllegalStateException e) {
                err.println("the evaluation stack did not start: " + e.getMessage());
                LOG.debug("stack failure", e);
                return 1;
            }
        }
        stdout.print(result.table());
        stdout.println("report: " + out.toAbsolutePath());
        stdout.flush();
        return result.ok() ? 0 : 1;
    }

    /** The scenarios named, then those of the suite; every one loaded once now, so a bad one fails first. */
    private List<Scenario> selection() {
        List<Scenario> selected = new ArrayList<>();
        for (String s : scenarios) {
            Scenario scenario = Scenarios.resolve(s);
            Scenarios.check(scenario);
            selected.add(scenario);
        }
        if (suite != null) {
            selected.addAll(Scenarios.suite(suite));
        }
        return selected;
    }

    private ClusterStack stack() throws IOException {
        return bootstrapServers == null ? ClusterStack.embedded()
                : ClusterStack.existing(bootstrapServers, schemaRegistryUrl);
    }

    private static Map<String, Object> pipelineSettings(Map<String, Setting> resolved) {
        Map<String, Object> pipeline = new HashMap<>();
        resolved.forEach((key, s) -> {
            if (key.startsWith(PIPELINE_PREFIX)) {
                pipeline.put(key.substring(PIPELINE_PREFIX.length()), s.value());
            }
        });
        return pipeline;
    }

    /** Scenario directories of an earlier report that hold a truth and a recording. */
    static List<Recorded> recordings(Path reportDir) throws IOException {
        if (!Files.isDirectory(reportDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(reportDir)) {
            return dirs.filter(Files::isDirectory).sorted()
                    .filter(d -> Files.isRegularFile(d.resolve(EvaluationRunner.TRUTH_FILE)))
                    .filter(d -> Files.isDirectory(d.resolve(EvaluationRunner.RECORDING_DIR)))
                    .map(d -> new Recorded(d.resolve(EvaluationRunner.TRUTH_FILE), d.resolve(EvaluationRunner.RECORDING_DIR)))
                    .toList();
        }
    }
}
