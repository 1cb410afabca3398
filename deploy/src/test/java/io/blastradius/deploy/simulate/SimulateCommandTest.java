package io.blastradius.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.deploy.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private final CliRun cli = new CliRun();

    private int run(Map<String, String> env, String... args) {
        return cli.run(env, args);
    }

    @Test
    void listsTheBuiltInScenarios() {
        assertThat(run(Map.of(), "simulate", "--list")).isZero();
        assertThat(cli.out()).contains("aws-2025-10-20", "cloudflare-2025-11-18", "quiet-week", "mixed-suite");
    }

    @Test
    void writesTheStreamsAndTheTruthOfAScenarioFile(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("short.yaml");
        Files.writeString(scenario, """
                name: short
                start: 2025-11-18T11:00:00Z
                end: 2025-11-18T11:20:00Z
                incidents:
                  - {type: provider-outage, id: cf, scope: cloudflare/global/cdn, onset: 2025-11-18T11:05:00Z, end: 2025-11-18T11:15:00Z}
                """);

        int code = run(Map.of(), "simulate", scenario.toString(), "--output-dir", dir.resolve("out").toString(), "--format", "jsonl");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).contains("short: 1 provider outages").contains("probe results");
        assertThat(dir.resolve("out/truth.json")).content().contains("cloudflare/global/cdn");
        assertThat(dir.resolve("out/probe-results.jsonl")).isNotEmptyFile();
    }

    @Test
    void settingsComeFromTheEnvironmentUnlessAFlagSaysOtherwise() {
        int code = run(Map.of("BLASTRADIUS_SPEED", "60", "BLASTRADIUS_OUTPUT_DIR", "/tmp/x"), "simulate", "--print-config",
                "--speed", "120");

        assertThat(code).isZero();
        assertThat(cli.out())
                .containsPattern("speed\\s+120\\s+\\(command line\\)")
                .containsPattern("output\\.dir\\s+/tmp/x\\s+\\(environment\\)")
                .containsPattern("scenario\\s+aws-2025-10-20\\s+\\(default\\)");
    }

    @Test
    void rejectsRunsWithNowhereToSendSignalsAndUnknownScenarios(@TempDir Path dir) {
        assertThat(run(Map.of(), "simulate", "quiet-week")).isEqualTo(2);
        assertThat(cli.err()).contains("nothing to do");
        assertThat(run(Map.of(), "simulate", "no-such-scenario", "-o", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("no built-in scenario named 'no-such-scenario'");
    }
}
