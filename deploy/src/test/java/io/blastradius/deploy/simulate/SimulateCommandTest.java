package io.blastradius.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.deploy.BlastradiusCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = BlastradiusCli.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void listsTheBuiltInScenarios() {
        assertThat(run(Map.of(), "simulate", "--list")).isZero();
        assertThat(out.toString()).contains("aws-2025-10-20", "cloudflare-2025-11-18", "quiet-week", "mixed-suite");
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

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("short: 1 provider outages").contains("probe results");
        assertThat(dir.resolve("out/truth.json")).content().contains("cloudflare/global/cdn");
        assertThat(dir.resolve("out/probe-results.jsonl")).isNotEmptyFile();
    }

    @Test
    void settingsComeFromTheEnvironmentUnlessAFlagSaysOtherwise() {
        int code = run(Map.of("BLASTRADIUS_SPEED", "60", "BLASTRADIUS_OUTPUT_DIR", "/tmp/x"), "simulate", "--print-config",
                "--speed", "120");

        assertThat(code).isZero();
        assertThat(out.toString())
                .containsPattern("speed\\s+120\\s+\\(command line\\)")
                .containsPattern("output\\.dir\\s+/tmp/x\\s+\\(environment\\)")
                .containsPattern("scenario\\s+aws-2025-10-20\\s+\\(default\\)");
    }

    @Test
    void rejectsRunsWithNowhereToSendSignalsAndUnknownScenarios(@TempDir Path dir) {
        assertThat(run(Map.of(), "simulate", "quiet-week")).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to do");
        assertThat(run(Map.of(), "simulate", "no-such-scenario", "-o", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no built-in scenario named 'no-such-scenario'");
    }
}
