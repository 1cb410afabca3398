package io.blastradius.deploy.simulate;

import io.blastradius.deploy.BlastradiusCli;
import io.blastradius.deploy.config.LayeredConfig;
import io.blastradius.deploy.config.LayeredConfig.Setting;
import io.blastradius.ingest.simulate.InvalidScenarioException;
import io.blastradius.ingest.simulate.ScenarioLoader;
import io.blastradius.ingest.simulate.SimulationRun;
import io.blastradius.ingest.simulate.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blastradius simulate}: runs a scenario through the simulator and sends the world's
 * catalog, the three signal streams and {@code truth.json} to files and/or Kafka.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BlastradiusCli.Version.class,
        description = {
            "Simulates a scenario (docs/scenario-format.md) in its world (docs/world-format.md): publishes the "
                + "dependency catalog, then status events, social signals and probe results in event-time order, "
                + "and writes the ground truth (docs/truth-format.md). Same scenario and seed, same output.",
            "",
            "Settings come from defaults < --config file < BLASTRADIUS_* environment variables < command-line flags."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:failed while publishing or writing", "2:invalid settings or scenario"})
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A built-in scenario (see --list) or a scenario file. Same as --set scenario=SCENARIO.")
    String scenario;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Write the streams, the catalog and truth.json here. Same as --set output.dir=DIR.")
    String outputDir;

    @Option(names = "--format", paramLabel = "avro|jsonl", description = "File format. Same as --set output.format=...")
    String format;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Publish to this Kafka cluster. Same as --set bootstrap.servers=...")
    String bootstrapServers;

    @Option(names = {"-r", "--schema-registry-url"}, paramLabel = "URL",
            description = "Schema registry for the Avro values. Same as --set schema.registry.url=...")
    String registryUrl;

    @Option(names = "--speed", paramLabel = "max|realtime|N",
            description = "max (default), realtime, or N simulated seconds per second. Same as --set speed=...")
    String speed;

    @Option(names = "--truth", paramLabel = "FILE", description = "Where to write truth.json. Same as --set truth.file=FILE.")
    String truthFile;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file with settings.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set topic.prefix=test.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    @Option(names = "--print-config", description = "Print the effective settings and where each came from, then exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    /** @param environment the process environment (tests pass their own) */
    public SimulateCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (String name : ScenarioLoader.builtInNames()) {
                out.printf("%-24s %s%n", name, ScenarioLoader.builtIn(name).scenario().description().strip().replaceAll("\\s+", " "));
            }
            out.flush();
            return 0;
        }
        Map<String, Setting> resolved;
        SimulatorConfig config;
        try {
            resolved = new LayeredConfig(SimulatorConfig.DEFINITION, Set.of()).resolve(configFile, environment, commandLineSettings());
            if (printConfig) {
                resolved.values().forEach(s -> out.printf("%-24s %-40s (%s)%n", s.key(), s.value(),
                        s.source().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
                out.flush();
                return 0;
            }
            config = new SimulatorConfig(LayeredConfig.values(resolved));
        } catch (ConfigException e) {
            err.println("invalid settings: " + e.getMessage());
            return 2;
        }
        try {
            SimulationRun.Result r = SimulationRun.run(config);
            out.printf("%s: %d provider outages; %,d status events, %,d social signals, %,d probe results "
                            + "(%,.0f per simulated day) in %.1f s%n",
                    r.scenario(), r.truth().outages().size(), r.counts().status(), r.counts().social(), r.counts().probes(),
                    r.perDay(), r.wall().toMillis() / 1000.0);
            out.flush();
            return 0;
        } catch (InvalidScenarioException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("simulation failed: " + e.getMessage());
            return 1;
        }
    }

    private Map<String, String> commandLineSettings() {
        Map<String, String> values = new LinkedHashMap<>(settings);
        LayeredConfig.putFlag(values, SimulatorConfig.SCENARIO, scenario, "SCENARIO");
        LayeredConfig.putFlag(values, SimulatorConfig.OUTPUT_DIR, outputDir, "--output-dir");
        LayeredConfig.putFlag(values, SimulatorConfig.OUTPUT_FORMAT, format, "--format");
        LayeredConfig.putFlag(values, SimulatorConfig.BOOTSTRAP_SERVERS, bootstrapServers, "--bootstrap-servers");
        LayeredConfig.putFlag(values, SimulatorConfig.SCHEMA_REGISTRY_URL, registryUrl, "--schema-registry-url");
        LayeredConfig.putFlag(values, SimulatorConfig.SPEED, speed, "--speed");
        LayeredConfig.putFlag(values, SimulatorConfig.TRUTH_FILE, truthFile, "--truth");
        return values;
    }
}
