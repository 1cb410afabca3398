package io.blastradius.ingest.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Small entry point of the simulator:
 *
 * <pre>
 * java ... SimulateMain --scenario aws-2025-10-20 --output-dir target/sim
 * java ... SimulateMain --scenario my.yaml --bootstrap-servers 127.0.0.1:9092 \
 *     --schema-registry-url http://127.0.0.1:8081/apis/ccompat/v7 --speed 60
 * java ... SimulateMain --list
 * </pre>
 *
 * Every {@code --some-key value} sets the {@link SimulatorConfig} key {@code some.key}.
 */
public final class SimulateMain {
    private SimulateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--list")) {
                ScenarioLoader.builtInNames().forEach(System.out::println);
                return 0;
            }
            if (a.equals("--help") || !a.startsWith("--") || i + 1 >= args.length) {
                System.err.println(usage());
                return a.equals("--help") ? 0 : 2;
            }
            props.put(a.substring(2).replace('-', '.'), args[++i]);
        }
        try {
            SimulationRun.Result r = SimulationRun.run(new SimulatorConfig(props));
            System.out.printf("%s: %d status, %d social, %d probe records; %.0f per simulated day; %d provider outages%n",
                    r.scenario(), r.counts().status(), r.counts().social(), r.counts().probes(), r.perDay(), r.truth().outages().size());
            return 0;
        } catch (ConfigException | InvalidScenarioException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("usage: SimulateMain [--list] --<key> <value> ...\nkeys:\n");
        SimulatorConfig.DEFINITION.configKeys().values().forEach(k -> sb.append("  --").append(k.name.replace('.', '-'))
                .append("  ").append(k.documentation).append('\n'));
        return sb.toString();
    }
}
